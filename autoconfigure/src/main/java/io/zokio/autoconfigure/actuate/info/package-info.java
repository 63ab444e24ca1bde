/**
 * Auto-configuration of the {@code zokio} info contributor.
 */
package io.zokio.autoconfigure.actuate.info;
