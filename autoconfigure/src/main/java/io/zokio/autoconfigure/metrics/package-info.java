/**
 * Auto-configuration of the Zokio engine's meters.
 */
@NullMarked
package io.zokio.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
