/**
 * The {@code zokio} Actuator endpoint.
 */
package io.zokio.actuate.endpoint;
