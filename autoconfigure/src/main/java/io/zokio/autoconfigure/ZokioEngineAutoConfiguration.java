package io.zokio.autoconfigure;

import io.zokio.engine.ZokioEngine;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.http3.Http3Server;
import io.zokio.engine.overload.ConcurrencyLimit;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.warmup.Warmup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ZokioEngine} holder through which the endpoint, health, info,
 * meters and availability read whichever engine parts the application runs.
 */
@AutoConfiguration(after = { ZokioAutoConfiguration.class, ZokioBufferPoolAutoConfiguration.class,
		ZokioStatisticsAutoConfiguration.class, ZokioProtectionAutoConfiguration.class,
		ZokioTlsAutoConfiguration.class, ZokioOverloadAutoConfiguration.class,
		ZokioWarmupAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "zokio.enabled", matchIfMissing = true)
public final class ZokioEngineAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZokioEngine zokioEngine(ObjectProvider<TransportSelector> transportSelector, ObjectProvider<BufferPool> bufferPool,
			ObjectProvider<ConnectionStatistics> connectionStatistics,
			ObjectProvider<ServerConnections> serverConnections, ObjectProvider<TlsSelector> tlsSelector,
			ObjectProvider<ZokioEventLoops> eventLoops, ObjectProvider<ConcurrencyLimit> concurrencyLimit,
			ObjectProvider<Warmup> warmup, ObjectProvider<Http3Server> http3) {
		return ZokioEngine.builder()
			.transport(transportSelector::getIfAvailable)
			.bufferPool(bufferPool::getIfAvailable)
			.statistics(connectionStatistics::getIfAvailable)
			.connections(serverConnections::getIfAvailable)
			.tls(tlsSelector::getIfAvailable)
			.eventLoops(() -> {
				ZokioEventLoops loops = eventLoops.getIfAvailable();
				return (loops != null) ? loops.watchdog() : null;
			})
			.overload(concurrencyLimit::getIfAvailable)
			.warmup(warmup::getIfAvailable)
			.http3(http3::getIfAvailable)
			.build();
	}

}
