/**
 * The {@code zokio} health indicator.
 */
package io.zokio.actuate.health;
