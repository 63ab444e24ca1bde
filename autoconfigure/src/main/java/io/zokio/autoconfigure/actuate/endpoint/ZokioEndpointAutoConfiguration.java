package io.zokio.autoconfigure.actuate.endpoint;

import io.zokio.actuate.endpoint.ZokioEndpoint;
import io.zokio.autoconfigure.ZokioAutoConfiguration;
import io.zokio.autoconfigure.ZokioBufferPoolAutoConfiguration;
import io.zokio.autoconfigure.ZokioProtectionAutoConfiguration;
import io.zokio.autoconfigure.ZokioStatisticsAutoConfiguration;
import io.zokio.autoconfigure.ZokioTlsAutoConfiguration;
import io.zokio.engine.ZokioEngine;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ZokioEndpoint}.
 */
@AutoConfiguration(after = { ZokioAutoConfiguration.class, ZokioBufferPoolAutoConfiguration.class,
		ZokioStatisticsAutoConfiguration.class, ZokioProtectionAutoConfiguration.class,
		ZokioTlsAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "zokio.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(ZokioEndpoint.class)
public final class ZokioEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZokioEndpoint zokioEndpoint(ZokioEngine zokioEngine) {
		return new ZokioEndpoint(zokioEngine);
	}

}
