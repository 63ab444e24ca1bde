package io.zokio.autoconfigure;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.ReadBufferRing;
import io.zokio.engine.pipeline.ConnectionParticipant;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Zokio's server pipeline: one configurer for every protocol layout, into
 * which each capability's {@link ConnectionParticipant} bean plugs, in bean order, and the handler
 * that ends quietly an exchange whose client went away.
 */
@AutoConfiguration(after = { ZokioProtectionAutoConfiguration.class, ZokioBufferPoolAutoConfiguration.class,
		ZokioStatisticsAutoConfiguration.class, ZokioOverloadAutoConfiguration.class })
@ConditionalOnZokioServer
public final class ZokioPipelineAutoConfiguration {

	@Bean
	PipelineWebServerFactoryCustomizer pipelineWebServerFactoryCustomizer(
			ObjectProvider<ConnectionParticipant> participants, ObjectProvider<BufferPool> pool) {
		return new PipelineWebServerFactoryCustomizer(participants.orderedStream().toList(),
				() -> readsIntoTheRing(pool.getIfAvailable()));
	}

	private static boolean readsIntoTheRing(@Nullable BufferPool pool) {
		ReadBufferRing ring = (pool != null) ? pool.readBufferRing() : null;
		return ring != null && ring.isRegistered();
	}

	@Bean
	DisconnectedClientExceptionHandler zokioDisconnectedClientExceptionHandler() {
		return new DisconnectedClientExceptionHandler();
	}

}
