package io.zokio.autoconfigure.actuate.endpoint;

import io.zokio.actuate.endpoint.ZokioEndpoint;
import io.zokio.autoconfigure.ZokioAutoConfiguration;
import io.zokio.engine.transport.TransportSelector;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ZokioEndpoint}.
 */
@AutoConfiguration(after = ZokioAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(TransportSelector.class)
@ConditionalOnAvailableEndpoint(ZokioEndpoint.class)
public final class ZokioEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZokioEndpoint zokioEndpoint(TransportSelector transportSelector) {
		return new ZokioEndpoint(transportSelector);
	}

}
