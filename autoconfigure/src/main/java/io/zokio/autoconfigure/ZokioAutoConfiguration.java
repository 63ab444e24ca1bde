package io.zokio.autoconfigure;

import java.time.Duration;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.ReadBufferRing;
import io.zokio.engine.transport.ProvidedBuffers;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.transport.TransportSettings;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.ReactorNettyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Auto-configuration of the Zokio engine's transport: a {@link ReactorResourceFactory} whose loop
 * resources run on the transport chosen by staged selection, used by Boot's own Netty server factory
 * (which re-applies the factory's loop resources after every server customizer). Backs off when the
 * application defines its own {@link ReactorResourceFactory}.
 */
@AutoConfiguration(before = NettyReactiveWebServerAutoConfiguration.class)
@ConditionalOnZokioServer
@ConditionalOnMissingBean(ReactorResourceFactory.class)
@EnableConfigurationProperties({ ZokioProperties.class, ReactorNettyProperties.class })
public final class ZokioAutoConfiguration {

	private static final Duration TRIAL_BIND_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean
	TransportSelector transportSelector(ZokioProperties properties, ObjectProvider<BufferPool> bufferPool) {
		ZokioProperties.Transport transport = properties.getTransport();
		int threads = (transport.getEventLoopThreads() != null) ? transport.getEventLoopThreads()
				: TransportSettings.DEFAULT_EVENT_LOOP_THREADS;
		return new TransportSelector(new TransportSettings(transport.getMode(), transport.isRequireNative(), threads,
				TRIAL_BIND_TIMEOUT, providedBuffers(bufferPool.getIfAvailable())));
	}

	private static ProvidedBuffers providedBuffers(@Nullable BufferPool bufferPool) {
		ReadBufferRing ring = (bufferPool != null) ? bufferPool.readBufferRing() : null;
		return (ring != null) ? new ProvidedBuffers(ring.buffers(), ring.bufferSize(), ring::take)
				: ProvidedBuffers.NONE;
	}

	@Bean
	TransportWebServerFactoryCustomizer transportWebServerFactoryCustomizer(TransportSelector transportSelector,
			ObjectProvider<BufferPool> bufferPool) {
		return new TransportWebServerFactoryCustomizer(transportSelector, bufferPool.getIfAvailable());
	}

	@Bean
	ZokioEventLoops zokioEventLoops(TransportSelector transportSelector, ZokioProperties properties) {
		return new ZokioEventLoops(transportSelector, properties.getTransport().getBlockedLoopThreshold());
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
