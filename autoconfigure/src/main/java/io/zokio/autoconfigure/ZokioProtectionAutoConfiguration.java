package io.zokio.autoconfigure;

import java.time.Duration;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.limits.ConnectionLimits;
import io.zokio.engine.limits.ProtectionParticipant;
import io.zokio.engine.limits.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configuration of the protection of the application's server: connection limit, timeouts,
 * strict HTTP/1.1, Zokio's part of a graceful shutdown, and readiness and liveness that follow the
 * server's own refusals and stuck event loops.
 */
@AutoConfiguration(after = { ZokioAutoConfiguration.class, ZokioStatisticsAutoConfiguration.class })
@ConditionalOnZokioServer
@EnableConfigurationProperties({ ZokioProperties.class, NettyServerProperties.class })
public final class ZokioProtectionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServerConnections serverConnections(ZokioProperties properties) {
		Integer max = properties.getConnections().getMax();
		return new ServerConnections((max != null) ? max : ConnectionLimits.defaultMaxConnections());
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ProtectionParticipant protectionParticipant(ZokioProperties properties, ServerConnections serverConnections) {
		ZokioProperties.Connections connections = properties.getConnections();
		ConnectionLimits limits = new ConnectionLimits(serverConnections.maxConnections(),
				connections.getRequestHeaderTimeout(), connections.getRequestBodyTimeout(),
				connections.getWriteTimeout(), connections.getMaxRequestBodySize().toBytes());
		return new ProtectionParticipant(limits, serverConnections,
				properties.getProxyProtocol() != ZokioProperties.ProxyProtocol.OFF);
	}

	@Bean
	ProtectionWebServerFactoryCustomizer protectionWebServerFactoryCustomizer(ZokioProperties properties,
			NettyServerProperties nettyServerProperties, ObjectProvider<ConnectionStatistics> connectionStatistics,
			ServerConnections serverConnections, Environment environment) {
		Duration bootIdleTimeout = nettyServerProperties.getIdleTimeout();
		Duration idleTimeout = (bootIdleTimeout != null) ? bootIdleTimeout
				: properties.getConnections().getDefaultIdleTimeout();
		connectionStatistics.ifAvailable((statistics) -> statistics.setIdleTimeout(idleTimeout));
		return new ProtectionWebServerFactoryCustomizer((bootIdleTimeout != null) ? null : idleTimeout,
				properties.getHttp2(), properties.getProxyProtocol(), serverConnections, !Binder.get(environment)
					.bind("server.netty.max-initial-line-length", DataSize.class)
					.isBound());
	}

	@Bean
	ZokioShutdownLifecycle zokioShutdownLifecycle(ApplicationEventPublisher publisher,
			ServerConnections serverConnections, ZokioProperties properties) {
		return new ZokioShutdownLifecycle(publisher, serverConnections, properties.getShutdown().getDrainDelay());
	}

	@Bean
	ZokioAvailability zokioAvailability(ApplicationEventPublisher publisher, ServerConnections serverConnections,
			ObjectProvider<BufferPool> bufferPool, ObjectProvider<ZokioEventLoops> eventLoops) {
		BufferPool pool = bufferPool.getIfAvailable();
		return new ZokioAvailability(publisher, serverConnections, (pool != null) ? pool.guard() : null,
				eventLoops.getIfAvailable());
	}

}
