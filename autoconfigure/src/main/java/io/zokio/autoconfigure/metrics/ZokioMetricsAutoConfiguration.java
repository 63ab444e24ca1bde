package io.zokio.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.zokio.autoconfigure.ZokioAutoConfiguration;
import io.zokio.autoconfigure.ZokioBufferPoolAutoConfiguration;
import io.zokio.autoconfigure.ZokioProtectionAutoConfiguration;
import io.zokio.autoconfigure.ZokioStatisticsAutoConfiguration;
import io.zokio.autoconfigure.ZokioTlsAutoConfiguration;
import io.zokio.engine.ZokioEngine;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code zokio.*} meters and of Micrometer's allocator meters on the
 * buffer pool.
 */
@AutoConfiguration(after = { ZokioAutoConfiguration.class, ZokioBufferPoolAutoConfiguration.class,
		ZokioProtectionAutoConfiguration.class,
		ZokioStatisticsAutoConfiguration.class, ZokioTlsAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "zokio.enabled", matchIfMissing = true)
public final class ZokioMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZokioMetricsBinder zokioMetricsBinder(MeterRegistry meterRegistry, ZokioEngine zokioEngine) {
		return new ZokioMetricsBinder(meterRegistry, zokioEngine);
	}

}
