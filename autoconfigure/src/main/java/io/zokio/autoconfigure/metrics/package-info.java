/**
 * Auto-configuration of the Zokio engine's meters.
 */
package io.zokio.autoconfigure.metrics;
