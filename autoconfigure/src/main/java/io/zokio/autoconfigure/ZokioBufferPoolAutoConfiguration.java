package io.zokio.autoconfigure;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.BufferPoolSettings;
import io.zokio.engine.buffer.MemoryGuardParticipant;
import io.zokio.engine.buffer.MemoryLimits;
import io.zokio.engine.transport.TransportSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of the buffer pool: sized within the memory budget, reserved before the server
 * starts, and installed as the application server's allocator.
 */
@AutoConfiguration(after = ZokioAutoConfiguration.class)
@ConditionalOnZokioServer
@EnableConfigurationProperties(ZokioProperties.class)
public final class ZokioBufferPoolAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	BufferPool bufferPool(ZokioProperties properties) {
		ZokioProperties.BufferPool pool = properties.getBufferPool();
		Integer threads = properties.getTransport().getEventLoopThreads();
		int arenas = (pool.getArenas() != null) ? pool.getArenas()
				: (threads != null) ? threads : TransportSettings.DEFAULT_EVENT_LOOP_THREADS;
		BufferPoolSettings settings = new BufferPoolSettings(pool.getPreallocate().toBytes(), pool.isDirect(), arenas,
				Math.toIntExact(pool.getPageSize().toBytes()), Math.toIntExact(pool.getChunkSize().toBytes()),
				pool.getThreadCache().isEnabled(), pool.getThreadCache().getSmallSize(),
				pool.getThreadCache().getNormalSize(), pool.isFailFast(),
				pool.getRing().isEnabled() ? ringBuffers(pool.getRing()) : BufferPoolSettings.NO_RING,
				Math.toIntExact(pool.getRing().getBufferSize().toBytes()));
		return BufferPool.create(settings, MemoryLimits.detect());
	}

	private static int ringBuffers(ZokioProperties.BufferPool.Ring ring) {
		return (ring.getBuffers() != null) ? ring.getBuffers() : BufferPoolSettings.DEFAULT_RING;
	}

	@Bean
	@Order(0)
	MemoryGuardParticipant memoryGuardParticipant(BufferPool bufferPool) {
		return new MemoryGuardParticipant(bufferPool);
	}

	@Bean
	BufferPoolWebServerFactoryCustomizer bufferPoolWebServerFactoryCustomizer(BufferPool bufferPool) {
		return new BufferPoolWebServerFactoryCustomizer(bufferPool);
	}

}
