package io.zokio.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.zokio.autoconfigure.ZokioAutoConfiguration;
import io.zokio.engine.stats.ConnectionStatistics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code zokio.*} meters.
 */
@AutoConfiguration(after = { ZokioAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, ConnectionStatistics.class })
public final class ZokioMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZokioMetricsBinder zokioMetricsBinder(MeterRegistry meterRegistry, ConnectionStatistics connectionStatistics) {
		return new ZokioMetricsBinder(meterRegistry, connectionStatistics);
	}

}
