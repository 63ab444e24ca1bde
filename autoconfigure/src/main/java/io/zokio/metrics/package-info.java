/**
 * Micrometer meters of the Zokio engine.
 */
package io.zokio.metrics;
