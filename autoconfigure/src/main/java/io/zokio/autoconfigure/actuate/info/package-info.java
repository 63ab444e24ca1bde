/**
 * Auto-configuration of the {@code zokio} info contributor.
 */
@NullMarked
package io.zokio.autoconfigure.actuate.info;

import org.jspecify.annotations.NullMarked;
