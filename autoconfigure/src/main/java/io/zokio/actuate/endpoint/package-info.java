/**
 * The {@code zokio} Actuator endpoint.
 */
@NullMarked
package io.zokio.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
