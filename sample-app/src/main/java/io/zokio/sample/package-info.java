/**
 * A WebFlux application running on the Zokio engine.
 */
package io.zokio.sample;
