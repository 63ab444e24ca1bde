/**
 * The {@code zokio} info contributor.
 */
@NullMarked
package io.zokio.actuate.info;

import org.jspecify.annotations.NullMarked;
