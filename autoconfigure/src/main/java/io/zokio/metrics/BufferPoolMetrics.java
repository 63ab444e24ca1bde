package io.zokio.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.zokio.engine.buffer.BufferPool;

/**
 * Binds the buffer pool's meters: {@code zokio.buffer.pool.*}, and Micrometer's own
 * {@link NettyAllocatorMetrics} on the pool's allocator (arenas, caches, chunk memory).
 */
public final class BufferPoolMetrics implements MeterBinder, AutoCloseable {

	private final BufferPool bufferPool;

	private final List<Meter> meters = new ArrayList<>();

	private MeterRegistry registry;

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
		FunctionCounter.builder(ZokioMeters.BUFFER_POOL_EXHAUSTED.getName(), this.bufferPool.guard(),
				(guard) -> guard.refusals())
			.description(ZokioMeters.BUFFER_POOL_EXHAUSTED.getDescription())
			.register(registry);
		FunctionCounter.builder(ZokioMeters.BUFFER_POOL_PRESSURE_EPISODES.getName(), this.bufferPool.guard(),
				(guard) -> guard.episodes())
			.description(ZokioMeters.BUFFER_POOL_PRESSURE_EPISODES.getDescription())
			.register(registry);
		new NettyAllocatorMetrics(this.bufferPool.pooledAllocator()).bindTo(registry);
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
			java.util.function.ToDoubleFunction<BufferPool> value) {
		Gauge.builder(meter.getName(), this.bufferPool, value)
			.baseUnit(meter.getBaseUnit())
			.description(meter.getDescription())
			.register(registry);
	}

}
