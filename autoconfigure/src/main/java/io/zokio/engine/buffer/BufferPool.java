package io.zokio.engine.buffer;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * The server's buffer pool: a {@link PooledByteBufAllocator} built from explicit settings, with
 * memory reserved before the first request and held for the life of the pool.
 */
public final class BufferPool implements AutoCloseable {

	private final PooledByteBufAllocator allocator;

	private final boolean direct;

	private final long requestedBytes;

	private final long preallocatedBytes;

	private final int chunkSize;

	private final @Nullable String cause;

	private final List<ByteBuf> reservations;

	private final long reservedPins;

	private final DirectMemoryGuard guard;

	private final @Nullable ReadBufferRing readBufferRing;

	BufferPool(PooledByteBufAllocator allocator, boolean direct, long requestedBytes, long preallocatedBytes,
			@Nullable String cause, List<ByteBuf> reservations, BufferPoolSettings settings) {
		this.allocator = allocator;
		this.direct = direct;
		this.requestedBytes = requestedBytes;
		this.preallocatedBytes = preallocatedBytes;
		this.chunkSize = allocator.metric().chunkSize();
		this.cause = cause;
		this.reservations = reservations;
		this.reservedPins = reservations.stream().mapToLong(ByteBuf::capacity).sum();
		this.guard = new DirectMemoryGuard(this);
		this.readBufferRing = readBufferRing(settings);
	}

	private @Nullable ReadBufferRing readBufferRing(BufferPoolSettings settings) {
		if (!this.direct || settings.ringBuffers() == BufferPoolSettings.NO_RING) {
			return null;
		}
		int buffers = (settings.ringBuffers() != BufferPoolSettings.DEFAULT_RING) ? settings.ringBuffers()
				: ReadBufferRing.defaultBuffers(this.preallocatedBytes, settings.arenas(), settings.ringBufferSize());
		return new ReadBufferRing(this, buffers, settings.ringBufferSize());
	}

	/**
	 * Build a pool, sized within the budget the given limits leave, and reserve its memory.
	 * @param settings the settings
	 * @param limits the memory limits
	 * @return the pool
	 * @throws BufferPoolUnavailableException if the requested pool cannot be had and the settings
	 * ask to fail fast
	 */
	public static BufferPool create(BufferPoolSettings settings, MemoryLimits limits) {
		return new BufferPoolBuilder(settings, limits).build();
	}

	/**
	 * Return the guard that refuses requests while direct memory has run out.
	 * @return the guard
	 */
	public DirectMemoryGuard guard() {
		return this.guard;
	}

	/**
	 * Return the read buffer ring the pool lends io_uring.
	 * @return the ring, or {@code null} when it is off or the pool holds heap memory
	 */
	public @Nullable ReadBufferRing readBufferRing() {
		return this.readBufferRing;
	}

	/**
	 * Return the read buffer ring once the serving transport registered it, so that reads take
	 * their buffers from it.
	 * @return the registered ring, or {@code null} when reads allocate their own buffers
	 */
	public @Nullable ReadBufferRing registeredRing() {
		ReadBufferRing ring = this.readBufferRing;
		return (ring != null && ring.isRegistered()) ? ring : null;
	}

	/**
	 * Return the allocator to install on the server's connections.
	 * @return the allocator
	 */
	public ByteBufAllocator allocator() {
		return this.allocator;
	}

	/**
	 * Return the pooled allocator, for its metrics.
	 * @return the allocator
	 */
	public PooledByteBufAllocator pooledAllocator() {
		return this.allocator;
	}

	/**
	 * Return whether the pool holds direct (off-heap) memory.
	 * @return whether the pool is direct
	 */
	public boolean isDirect() {
		return this.direct;
	}

	/**
	 * Return the number of bytes configured to be pre-allocated.
	 * @return the requested bytes
	 */
	public long requestedBytes() {
		return this.requestedBytes;
	}

	/**
	 * Return the number of bytes reserved at startup and kept.
	 * @return the pre-allocated bytes
	 */
	public long preallocatedBytes() {
		return this.preallocatedBytes;
	}

	/**
	 * Return the memory the pool holds now, from the allocator's own metrics (true on any JVM,
	 * whatever Netty's direct memory counter can see).
	 * @return the bytes held in chunks
	 */
	public long usedBytes() {
		return this.direct ? this.allocator.metric().usedDirectMemory() : this.allocator.metric().usedHeapMemory();
	}

	/**
	 * Return the bytes of the buffers handed out now, each counted at the size the allocator gave
	 * it: the part of {@link #usedBytes()} that live buffers pin, beside the small buffers that keep
	 * the reserved chunks.
	 * @return the bytes in use
	 */
	public long inUseBytes() {
		long pinned = this.direct ? this.allocator.pinnedDirectMemory() : this.allocator.pinnedHeapMemory();
		return Math.max(0, pinned - this.reservedPins);
	}

	/**
	 * Return the number of arenas of the pool's kind of memory.
	 * @return the arenas
	 */
	public int arenas() {
		return arenaMetrics().size();
	}

	/**
	 * Return the number of chunks the pool holds now.
	 * @return the chunks
	 */
	public long chunks() {
		return arenaMetrics().stream().mapToLong(PoolArenaMetric::numActiveChunks).sum();
	}

	/**
	 * Return the chunk size.
	 * @return the chunk size in bytes
	 */
	public int chunkSize() {
		return this.chunkSize;
	}

	/**
	 * Return whether the pool was shrunk or moved to heap.
	 * @return whether the pool fell back
	 */
	public boolean isFallback() {
		return this.cause != null;
	}

	/**
	 * Return why the pool was shrunk or moved to heap.
	 * @return the cause, or {@code null}
	 */
	public @Nullable String cause() {
		return this.cause;
	}

	private List<PoolArenaMetric> arenaMetrics() {
		return this.direct ? this.allocator.metric().directArenas() : this.allocator.metric().heapArenas();
	}

	/**
	 * Release the reserved memory.
	 */
	@Override
	public void close() {
		for (ByteBuf reservation : this.reservations) {
			if (reservation.refCnt() > 0) {
				reservation.release();
			}
		}
	}

}
