/**
 * Auto-configuration of the {@code zokio} Actuator endpoint.
 */
package io.zokio.autoconfigure.actuate.endpoint;
