/**
 * Auto-configuration of the {@code zokio} health indicator.
 */
@NullMarked
package io.zokio.autoconfigure.actuate.health;

import org.jspecify.annotations.NullMarked;
