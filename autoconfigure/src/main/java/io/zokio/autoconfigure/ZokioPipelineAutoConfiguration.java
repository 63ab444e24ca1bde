package io.zokio.autoconfigure;

import java.util.function.BooleanSupplier;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.ReadBufferRing;
import io.zokio.engine.pipeline.ConnectionParticipant;

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
		BufferPool bufferPool = pool.getIfAvailable();
		ReadBufferRing ring = (bufferPool != null) ? bufferPool.readBufferRing() : null;
		BooleanSupplier readsIntoTheRing = (ring != null) ? ring::isRegistered : () -> false;
		return new PipelineWebServerFactoryCustomizer(participants.orderedStream().toList(), readsIntoTheRing);
	}

	@Bean
	DisconnectedClientExceptionHandler zokioDisconnectedClientExceptionHandler() {
		return new DisconnectedClientExceptionHandler();
	}

}
