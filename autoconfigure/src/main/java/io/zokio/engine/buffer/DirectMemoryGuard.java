package io.zokio.engine.buffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether direct memory has run out: the JVM has no room for another chunk and less than a
 * quarter of the pool's own memory (at least a chunk) is free. Rechecked at most every
 * {@link #RECHECK_NANOS}, so a request pays a volatile read. Counts the requests and connections
 * refused for it.
 * <p>
 * An episode of memory pressure begins when memory is first found exhausted or an allocation
 * fails, and ends once neither has happened for {@link #EPISODE_QUIET_NANOS}: one WARN marks its
 * beginning and one INFO its end, however many requests and connections it costs.
 */
public final class DirectMemoryGuard {

	static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	static final long EPISODE_QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Logger logger = LoggerFactory.getLogger(DirectMemoryGuard.class);

	private final BufferPool pool;

	private final long maxDirectMemory = PlatformDependent.maxDirectMemory();

	private final LongAdder refusals = new LongAdder();

	private final LongAdder episodes = new LongAdder();

	private final AtomicBoolean underPressure = new AtomicBoolean();

	private volatile long pressureAtNanos;

	private volatile long refusalsAtEpisodeStart;

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
			boolean exhausted = check();
			this.exhausted = exhausted;
			if (exhausted) {
				pressure(now, "less than a chunk of direct memory is left");
			}
			else if (this.underPressure.get() && now - this.pressureAtNanos >= EPISODE_QUIET_NANOS
					&& this.underPressure.compareAndSet(true, false)) {
				logger.info("Zokio: direct memory pressure ended; {} requests and connections were refused during it",
						refusals() - this.refusalsAtEpisodeStart);
			}
		}
		return this.exhausted;
	}

	/**
	 * Return whether an episode of memory pressure is under way: from the first refusal until a second
	 * without one. Checks the memory itself, so that an episode ends even when no request comes.
	 * @return whether the server is shedding for want of memory
	 */
	public boolean isUnderPressure() {
		isExhausted();
		return this.underPressure.get();
	}

	/**
	 * Count a connection closed because an allocation failed for want of direct memory.
	 * @param cause the failure
	 */
	public void outOfMemory(Throwable cause) {
		refused();
		pressure(System.nanoTime(), cause.getMessage());
	}

	/**
	 * Return the number of episodes of memory pressure so far.
	 * @return the episodes
	 */
	public long episodes() {
		return this.episodes.sum();
	}

	private void pressure(long now, @Nullable String cause) {
		this.pressureAtNanos = now;
		if (this.underPressure.compareAndSet(false, true)) {
			this.episodes.increment();
			this.refusalsAtEpisodeStart = refusals();
			logger.warn("Zokio: direct memory is exhausted ({}; {} of {} used, {} held by the pool): "
					+ "new requests are refused with 503 and connections whose allocations fail are closed "
					+ "until memory is freed", cause, ByteSizes.format(MemoryLimits.usedDirectMemoryNow()),
					ByteSizes.format(this.maxDirectMemory), ByteSizes.format(this.pool.usedBytes()));
		}
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
