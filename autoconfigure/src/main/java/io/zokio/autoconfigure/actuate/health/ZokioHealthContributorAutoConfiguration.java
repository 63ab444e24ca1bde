package io.zokio.autoconfigure.actuate.health;

import io.zokio.actuate.health.ZokioHealthIndicator;
import io.zokio.autoconfigure.ZokioAutoConfiguration;
import io.zokio.autoconfigure.ZokioBufferPoolAutoConfiguration;
import io.zokio.autoconfigure.ZokioProtectionAutoConfiguration;
import io.zokio.autoconfigure.ZokioStatisticsAutoConfiguration;
import io.zokio.autoconfigure.ZokioTlsAutoConfiguration;
import io.zokio.engine.ZokioEngine;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ZokioHealthIndicator}.
 */
@AutoConfiguration(after = { ZokioAutoConfiguration.class, ZokioBufferPoolAutoConfiguration.class,
		ZokioStatisticsAutoConfiguration.class, ZokioProtectionAutoConfiguration.class,
		ZokioTlsAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "zokio.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("zokio")
public final class ZokioHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "zokioHealthIndicator")
	ZokioHealthIndicator zokioHealthIndicator(ZokioEngine zokioEngine) {
		return new ZokioHealthIndicator(zokioEngine);
	}

}
