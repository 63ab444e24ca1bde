package io.zokio.engine.buffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.netty.util.internal.PlatformDependent;

/**
 * Tells whether direct memory has run out: the JVM has no room for another chunk and less than a
 * quarter of the pool's own memory (at least a chunk) is free. Rechecked at most every {@link #RECHECK_NANOS}, so a request pays a
 * volatile read. Counts the requests and connections refused for it.
 */
public final class DirectMemoryGuard {

	static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final BufferPool pool;

	private final long maxDirectMemory = PlatformDependent.maxDirectMemory();

	private final LongAdder refusals = new LongAdder();

	private volatile boolean exhausted;

	private volatile long checkedAtNanos = System.nanoTime() - RECHECK_NANOS;

	/**
	 * Create a guard of the given pool, reading the JVM's direct memory use.
	 * @param pool the pool
	 */
	public DirectMemoryGuard(BufferPool pool) {
		this.pool = pool;
	}

	/**
	 * Return whether direct memory has run out.
	 * @return whether new requests should be refused
	 */
	public boolean isExhausted() {
		if (!this.pool.isDirect()) {
			return false;
		}
		long now = System.nanoTime();
		if (now - this.checkedAtNanos >= RECHECK_NANOS) {
			this.checkedAtNanos = now;
			this.exhausted = check();
		}
		return this.exhausted;
	}

	/**
	 * Count a request or connection refused because memory ran out.
	 */
	public void refused() {
		this.refusals.increment();
	}

	/**
	 * Return the number of requests and connections refused because memory ran out.
	 * @return the refusals
	 */
	public long refusals() {
		return this.refusals.sum();
	}

	private boolean check() {
		long chunk = this.pool.chunkSize();
		long headroom = this.maxDirectMemory - MemoryLimits.usedDirectMemoryNow();
		long held = this.pool.usedBytes();
		long free = held - this.pool.pooledAllocator().pinnedDirectMemory();
		return headroom < chunk && free < Math.max(chunk, held / 4);
	}

}
