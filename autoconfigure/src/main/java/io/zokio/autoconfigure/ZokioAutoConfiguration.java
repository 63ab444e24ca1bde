package io.zokio.autoconfigure;

import java.time.Duration;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.BufferPoolSettings;
import io.zokio.engine.buffer.MemoryLimits;
import io.zokio.engine.limits.ConnectionLimits;
import io.zokio.engine.limits.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.transport.TransportSettings;
import org.HdrHistogram.Recorder;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.reactor.netty.autoconfigure.ReactorNettyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Auto-configuration of the Zokio engine under Boot's own Netty server factory: the transport
 * (through a {@link ReactorResourceFactory} whose loop resources run on the transport chosen by
 * staged selection), the pre-allocated buffer pool and the connection statistics (both through
 * customizers of the application's server only, never the management server's).
 */
@AutoConfiguration(before = NettyReactiveWebServerAutoConfiguration.class)
@ConditionalOnClass({ HttpServer.class, NettyReactiveWebServerFactory.class, ReactorResourceFactory.class })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "zokio.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ZokioProperties.class)
public final class ZokioAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ReactorResourceFactory.class)
	@EnableConfigurationProperties(ReactorNettyProperties.class)
	static class TransportConfiguration {

		private static final Duration TRIAL_BIND_TIMEOUT = Duration.ofSeconds(5);

		@Bean
		@ConditionalOnMissingBean
		TransportSelector transportSelector(ZokioProperties properties) {
			ZokioProperties.Transport transport = properties.getTransport();
			int threads = (transport.getEventLoopThreads() != null) ? transport.getEventLoopThreads()
					: TransportSettings.DEFAULT_EVENT_LOOP_THREADS;
			return new TransportSelector(new TransportSettings(transport.getMode(), transport.isRequireNative(),
					threads, TRIAL_BIND_TIMEOUT));
		}

		@Bean
		ReactorResourceFactory reactorResourceFactory(TransportSelector transportSelector,
				ReactorNettyProperties reactorNettyProperties) {
			ReactorResourceFactory resourceFactory = new ReactorResourceFactory();
			resourceFactory.setUseGlobalResources(false);
			resourceFactory.setLoopResourcesSupplier(transportSelector::select);
			PropertyMapper.get()
				.from(reactorNettyProperties::getShutdownQuietPeriod)
				.to(resourceFactory::setShutdownQuietPeriod);
			return resourceFactory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BufferPoolConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		BufferPool bufferPool(ZokioProperties properties) {
			ZokioProperties.BufferPool pool = properties.getBufferPool();
			Integer threads = properties.getTransport().getEventLoopThreads();
			int arenas = (pool.getArenas() != null) ? pool.getArenas()
					: (threads != null) ? threads : TransportSettings.DEFAULT_EVENT_LOOP_THREADS;
			BufferPoolSettings settings = new BufferPoolSettings(pool.getPreallocate().toBytes(), pool.isDirect(),
					arenas, Math.toIntExact(pool.getPageSize().toBytes()),
					Math.toIntExact(pool.getChunkSize().toBytes()), pool.getThreadCache().isEnabled(),
					pool.getThreadCache().getSmallSize(), pool.getThreadCache().getNormalSize(), pool.isFailFast());
			return BufferPool.create(settings, MemoryLimits.detect());
		}

		@Bean
		BufferPoolWebServerFactoryCustomizer bufferPoolWebServerFactoryCustomizer(BufferPool bufferPool) {
			return new BufferPoolWebServerFactoryCustomizer(bufferPool);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NettyServerProperties.class)
	static class ProtectionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServerConnections serverConnections(ZokioProperties properties) {
			Integer max = properties.getConnections().getMax();
			return new ServerConnections((max != null) ? max : ConnectionLimits.defaultMaxConnections());
		}

		@Bean
		ProtectionWebServerFactoryCustomizer protectionWebServerFactoryCustomizer(ZokioProperties properties,
				ServerConnections serverConnections, NettyServerProperties nettyServerProperties,
				ObjectProvider<ConnectionStatistics> connectionStatistics) {
			ZokioProperties.Connections connections = properties.getConnections();
			ConnectionLimits limits = new ConnectionLimits(serverConnections.maxConnections(),
					connections.getRequestHeaderTimeout(), connections.getRequestBodyTimeout(),
					connections.getWriteTimeout());
			Duration bootIdleTimeout = nettyServerProperties.getIdleTimeout();
			Duration idleTimeout = (bootIdleTimeout != null) ? bootIdleTimeout : connections.getDefaultIdleTimeout();
			connectionStatistics.ifAvailable((statistics) -> statistics.setIdleTimeout(idleTimeout));
			return new ProtectionWebServerFactoryCustomizer(limits, serverConnections,
					(bootIdleTimeout != null) ? null : idleTimeout);
		}

		@Bean
		ZokioShutdownLifecycle zokioShutdownLifecycle(ServerConnections serverConnections) {
			return new ZokioShutdownLifecycle(serverConnections);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Recorder.class)
	@ConditionalOnBooleanProperty(name = "zokio.stats.enabled", matchIfMissing = true)
	static class StatisticsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConnectionStatistics connectionStatistics(ZokioProperties properties) {
			return new ConnectionStatistics(properties.getStats().getLatencyWindow());
		}

		@Bean
		StatisticsWebServerFactoryCustomizer statisticsWebServerFactoryCustomizer(
				ConnectionStatistics connectionStatistics) {
			return new StatisticsWebServerFactoryCustomizer(connectionStatistics);
		}

	}

}
