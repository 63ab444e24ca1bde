package io.zokio.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.BufferPoolSettings;
import io.zokio.engine.buffer.MemoryLimits;
import io.zokio.engine.buffer.ReadBufferRing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer pool's meters on a {@link SimpleMeterRegistry}, the read buffer ring's among them.
 */
class BufferPoolMetricsTests {

	private static final long MB = 1024 * 1024;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final BufferPool pool = BufferPool.create(
			new BufferPoolSettings(8 * MB, true, 2, 8192, 4 * (int) MB, true, 256, 64, false, 32, 32 * 1024),
			new MemoryLimits(8L * 1024 * MB, 0, 1024L * MB, -1));

	@AfterEach
	void close() {
		this.pool.close();
	}

	@Test
	void bindsTheRingsMetersOnceTheTransportRegisteredIt() {
		ReadBufferRing ring = this.pool.readBufferRing();
		ring.registered();
		ByteBuf buffer = ring.take();
		assertThat(buffer.capacity()).isEqualTo(32 * 1024);
		assertThat(buffer.isDirect()).isTrue();
		ring.exhausted();
		ring.exhausted();
		try (BufferPoolMetrics metrics = new BufferPoolMetrics(this.pool)) {
			metrics.bindTo(this.registry);
			assertThat(this.registry.get(ZokioMeters.BUFFER_POOL_IN_USE.getName()).gauge().value())
				.as("the ring's buffer, handed out").isEqualTo(32 * 1024);
			ByteBuf more = this.pool.allocator().directBuffer(8 * 1024, 8 * 1024);
			assertThat(this.registry.get(ZokioMeters.BUFFER_POOL_IN_USE.getName()).gauge().value())
				.isEqualTo(40 * 1024);
			more.release();
			assertThat(this.registry.get(ZokioMeters.BUFFER_POOL_IN_USE.getName()).gauge().value())
				.isEqualTo(32 * 1024);
			assertThat(this.registry.get(ZokioMeters.BUFFER_RING_BUFFERS.getName()).gauge().value()).isEqualTo(32);
			assertThat(this.registry.get(ZokioMeters.BUFFER_RING_READ_SIZE.getName()).gauge().value())
				.isEqualTo(32 * 1024);
			assertThat(this.registry.get(ZokioMeters.BUFFER_RING_TAKEN.getName()).functionCounter().count()).isOne();
			assertThat(this.registry.get(ZokioMeters.BUFFER_RING_EXHAUSTIONS.getName()).functionCounter().count())
				.isEqualTo(2);
			assertThat(this.registry.get(ZokioMeters.BUFFER_RING_EPISODES.getName()).functionCounter().count())
				.as("two exhaustions within a second are one episode")
				.isOne();
			metrics.close();
			assertThat(this.registry.find(ZokioMeters.BUFFER_RING_BUFFERS.getName()).meter()).isNull();
		}
		finally {
			buffer.release();
		}
	}

	@Test
	void bindsNoRingMetersWhileNoTransportRegisteredTheRing() {
		try (BufferPoolMetrics metrics = new BufferPoolMetrics(this.pool)) {
			metrics.bindTo(this.registry);
			assertThat(this.registry.find(ZokioMeters.BUFFER_POOL_USED.getName()).gauge()).isNotNull();
			assertThat(this.registry.find(ZokioMeters.BUFFER_RING_BUFFERS.getName()).meter()).isNull();
			assertThat(this.registry.find(ZokioMeters.BUFFER_RING_EXHAUSTIONS.getName()).meter()).isNull();
		}
	}

}
