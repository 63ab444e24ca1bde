/**
 * JMH benchmarks of the Zokio engine's hot paths.
 */
package io.zokio.benchmarks;
