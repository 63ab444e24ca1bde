package io.zokio.autoconfigure.actuate.info;

import io.zokio.actuate.info.ZokioInfoContributor;
import io.zokio.autoconfigure.ZokioAutoConfiguration;
import io.zokio.engine.transport.TransportSelector;

import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ZokioInfoContributor}.
 */
@AutoConfiguration(after = ZokioAutoConfiguration.class)
@ConditionalOnClass(InfoContributor.class)
@ConditionalOnBean(TransportSelector.class)
@ConditionalOnEnabledInfoContributor("zokio")
public final class ZokioInfoContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZokioInfoContributor zokioInfoContributor(TransportSelector transportSelector) {
		return new ZokioInfoContributor(transportSelector);
	}

}
