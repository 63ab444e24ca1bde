/**
 * Auto-configuration of the {@code zokio} Actuator endpoint.
 */
@NullMarked
package io.zokio.autoconfigure.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
