/**
 * Micrometer meters of the Zokio engine.
 */
@NullMarked
package io.zokio.metrics;

import org.jspecify.annotations.NullMarked;
