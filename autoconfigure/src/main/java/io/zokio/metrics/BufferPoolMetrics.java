package io.zokio.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.DirectMemoryGuard;
import io.zokio.engine.buffer.ReadBufferRing;
import org.jspecify.annotations.Nullable;

/**
 * Binds the buffer pool's meters: {@code zokio.buffer.pool.*}, and Micrometer's own
 * {@link NettyAllocatorMetrics} on the pool's allocator (arenas, caches, chunk memory).
 */
public final class BufferPoolMetrics implements MeterBinder, AutoCloseable {

	private final BufferPool bufferPool;

	private final List<Meter> meters = new ArrayList<>();

	private @Nullable MeterRegistry registry;

	/**
	 * Create a binder of the given pool's meters.
	 * @param bufferPool the pool
	 */
	public BufferPoolMetrics(BufferPool bufferPool) {
		this.bufferPool = bufferPool;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.meters.addAll(RegisteredMeters.during(registry, () -> bind(registry)));
	}

	private void bind(MeterRegistry registry) {
		gauge(registry, ZokioMeters.BUFFER_POOL_PREALLOCATED, BufferPool::preallocatedBytes);
		gauge(registry, ZokioMeters.BUFFER_POOL_USED, BufferPool::usedBytes);
		gauge(registry, ZokioMeters.BUFFER_POOL_IN_USE, BufferPool::inUseBytes);
		counter(registry, ZokioMeters.BUFFER_POOL_EXHAUSTED, this.bufferPool.guard(), DirectMemoryGuard::refusals);
		counter(registry, ZokioMeters.BUFFER_POOL_PRESSURE_EPISODES, this.bufferPool.guard(),
				DirectMemoryGuard::episodes);
		ReadBufferRing ring = this.bufferPool.registeredRing();
		if (ring != null) {
			bindRing(registry, ring);
		}
		new NettyAllocatorMetrics(this.bufferPool.pooledAllocator()).bindTo(registry);
	}

	private static void bindRing(MeterRegistry registry, ReadBufferRing ring) {
		Gauge.builder(ZokioMeters.BUFFER_RING_BUFFERS.getName(), ring, ReadBufferRing::buffers)
			.description(ZokioMeters.BUFFER_RING_BUFFERS.getDescription())
			.register(registry);
		Gauge.builder(ZokioMeters.BUFFER_RING_READ_SIZE.getName(), ring, ReadBufferRing::bufferSize)
			.baseUnit(ZokioMeters.BUFFER_RING_READ_SIZE.getBaseUnit())
			.description(ZokioMeters.BUFFER_RING_READ_SIZE.getDescription())
			.register(registry);
		counter(registry, ZokioMeters.BUFFER_RING_TAKEN, ring, ReadBufferRing::taken);
		counter(registry, ZokioMeters.BUFFER_RING_EXHAUSTIONS, ring, ReadBufferRing::exhaustions);
		counter(registry, ZokioMeters.BUFFER_RING_EPISODES, ring, ReadBufferRing::episodes);
	}

	private static <T> void counter(MeterRegistry registry, ZokioMeters meter, T source, ToDoubleFunction<T> count) {
		FunctionCounter.builder(meter.getName(), source, count)
			.description(meter.getDescription())
			.register(registry);
	}

	/**
	 * Remove every meter this binder registered.
	 */
	@Override
	public synchronized void close() {
		if (this.registry != null) {
			this.meters.forEach(this.registry::remove);
		}
		this.meters.clear();
	}

	private void gauge(MeterRegistry registry, ZokioMeters meter,
			ToDoubleFunction<BufferPool> value) {
		Gauge.builder(meter.getName(), this.bufferPool, value)
			.baseUnit(meter.getBaseUnit())
			.description(meter.getDescription())
			.register(registry);
	}

}
