package io.zokio.engine.buffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.zokio.engine.transport.ProvidedBuffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buffer pool lent to the kernel: on io_uring, each event loop registers a ring of read buffers
 * taken from the pool, which the kernel fills only when data arrives, so that a connection waiting
 * for data holds no buffer and a read completes without allocating. Counts the buffers the rings
 * took and the times a ring was found empty and could not grow.
 * <p>
 * An episode of exhaustion begins with the first exhaustion after {@link #EPISODE_QUIET_NANOS}
 * without one: one WARN marks it, however many reads it delays.
 */
public final class ReadBufferRing {

	static final long EPISODE_QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

	/**
	 * The default size of each buffer: one read of a busy connection. An io_uring write holds its
	 * buffers until its completion is reaped, and a connection reads again only once its last write
	 * is done, so at a burst's peak the pool holds about one read per busy connection (200
	 * concurrent 1 MiB echoes: 2.6 MiB in use and one 4 MiB chunk with 8 KiB buffers, 4.6 MiB and
	 * two chunks with 16 KiB ones, 8.2 MiB and two chunks with 32 KiB ones; epoll one chunk). One
	 * pool page, so a buffer never spans pages; small reads share a buffer where the kernel
	 * supports incremental rings.
	 */
	public static final int DEFAULT_BUFFER_SIZE = 8 * 1024;

	private static final long MIN_BUDGET = 4L * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(ReadBufferRing.class);

	private final BufferPool pool;

	private final int buffers;

	private final int bufferSize;

	private final LongAdder taken = new LongAdder();

	private final LongAdder exhaustions = new LongAdder();

	private final LongAdder episodes = new LongAdder();

	private final AtomicLong lastExhaustedNanos = new AtomicLong(System.nanoTime() - EPISODE_QUIET_NANOS);

	private volatile boolean registered;

	ReadBufferRing(BufferPool pool, int buffers, int bufferSize) {
		this.pool = pool;
		this.buffers = buffers;
		this.bufferSize = bufferSize;
	}

	/**
	 * Return the number of buffers that fits an event loop's share of the budget: half of the
	 * pre-allocated memory (at least 4 MiB) shared among the arenas, one per event loop by default,
	 * as a power of two within the kernel's bounds for a ring ({@link ProvidedBuffers}).
	 * @param preallocatedBytes the pool's pre-allocated bytes
	 * @param arenas the pool's arenas
	 * @param bufferSize the size of each buffer
	 * @return the buffers of one event loop's ring
	 */
	static int defaultBuffers(long preallocatedBytes, int arenas, int bufferSize) {
		long share = Math.max(preallocatedBytes, MIN_BUDGET) / 2 / arenas / bufferSize;
		long buffers = Long.highestOneBit(Math.max(1, share));
		return (int) Math.max(ProvidedBuffers.MIN_BUFFERS, Math.min(ProvidedBuffers.MAX_BUFFERS, buffers));
	}

	/**
	 * Take a buffer for a ring from the pool.
	 * @return a direct buffer of {@link #bufferSize()} bytes
	 */
	public ByteBuf take() {
		this.taken.increment();
		return this.pool.allocator().directBuffer(this.bufferSize, this.bufferSize);
	}

	/**
	 * Count a read that found its event loop's ring empty.
	 */
	public void exhausted() {
		this.exhaustions.increment();
		long now = System.nanoTime();
		long previous = this.lastExhaustedNanos.getAndSet(now);
		if (now - previous >= EPISODE_QUIET_NANOS) {
			this.episodes.increment();
			logger.warn("Zokio: an event loop's io_uring read buffer ring ({} buffers of {} bytes) is exhausted: "
					+ "reads wait until buffers return to it; raise zokio.buffer-pool.ring.buffers if this recurs",
					this.buffers, this.bufferSize);
		}
	}

	/**
	 * Mark the rings as registered by the serving transport.
	 */
	public void registered() {
		this.registered = true;
	}

	/**
	 * Return whether the serving transport registered the rings.
	 * @return whether reads take their buffers from the rings
	 */
	public boolean isRegistered() {
		return this.registered;
	}

	/**
	 * Return the most buffers one event loop's ring holds.
	 * @return the buffers per ring
	 */
	public int buffers() {
		return this.buffers;
	}

	/**
	 * Return the size of each buffer.
	 * @return the buffer size in bytes
	 */
	public int bufferSize() {
		return this.bufferSize;
	}

	/**
	 * Return the number of buffers the rings took from the pool.
	 * @return the buffers taken
	 */
	public long taken() {
		return this.taken.sum();
	}

	/**
	 * Return the number of reads that found their ring empty.
	 * @return the exhaustions
	 */
	public long exhaustions() {
		return this.exhaustions.sum();
	}

	/**
	 * Return the number of episodes of exhaustion, each logged once.
	 * @return the episodes
	 */
	public long episodes() {
		return this.episodes.sum();
	}

}
