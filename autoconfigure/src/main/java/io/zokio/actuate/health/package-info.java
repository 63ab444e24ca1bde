/**
 * The {@code zokio} health indicator.
 */
@NullMarked
package io.zokio.actuate.health;

import org.jspecify.annotations.NullMarked;
