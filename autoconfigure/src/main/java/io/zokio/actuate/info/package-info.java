/**
 * The {@code zokio} info contributor.
 */
package io.zokio.actuate.info;
