package io.zokio.autoconfigure.actuate.info;

import io.zokio.actuate.info.ZokioInfoContributor;
import io.zokio.autoconfigure.ZokioAutoConfiguration;
import io.zokio.autoconfigure.ZokioBufferPoolAutoConfiguration;
import io.zokio.autoconfigure.ZokioProtectionAutoConfiguration;
import io.zokio.autoconfigure.ZokioStatisticsAutoConfiguration;
import io.zokio.autoconfigure.ZokioTlsAutoConfiguration;
import io.zokio.engine.ZokioEngine;

import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ZokioInfoContributor}.
 */
@AutoConfiguration(after = { ZokioAutoConfiguration.class, ZokioBufferPoolAutoConfiguration.class,
		ZokioStatisticsAutoConfiguration.class, ZokioProtectionAutoConfiguration.class,
		ZokioTlsAutoConfiguration.class })
@ConditionalOnClass(InfoContributor.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "zokio.enabled", matchIfMissing = true)
@ConditionalOnEnabledInfoContributor("zokio")
public final class ZokioInfoContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZokioInfoContributor zokioInfoContributor(ZokioEngine zokioEngine) {
		return new ZokioInfoContributor(zokioEngine);
	}

}
