/**
 * Auto-configuration of the {@code zokio} health indicator.
 */
package io.zokio.autoconfigure.actuate.health;
