package io.zokio.engine.buffer;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes the pool within its budget and reserves it, degrading step by step instead of failing. The
 * budget is half of the direct memory the JVM still has (and of what the container leaves beside the
 * heap), and a request above it is shrunk to it; a request above all that memory is a typo
 * ({@code 16GB} for {@code 16MB}, or {@code 100TB}) rather than a need, so it is granted a quarter
 * rather than pinning half the memory for good. Then the reservation is halved on each failure, and
 * heap buffers are the last step.
 */
final class BufferPoolBuilder {

	static final String CLEANER_WARNING = "Zokio buffer pool: Netty allocates direct buffers through the JDK's "
			+ "cleaner, which waits up to half a second on the event loop each time direct memory runs short "
			+ "(a memory episode then stalls the server instead of shedding load); open java.nio to Netty: "
			+ "--add-opens java.base/java.nio=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true "
			+ "(or, in an executable jar, the manifest entry Add-Opens: java.base/java.nio with that property)";

	private static final Logger logger = LoggerFactory.getLogger(BufferPoolBuilder.class);

	private final BufferPoolSettings settings;

	private final MemoryLimits limits;

	BufferPoolBuilder(BufferPoolSettings settings, MemoryLimits limits) {
		this.settings = settings;
		this.limits = limits;
	}

	BufferPool build() {
		long requested = this.settings.preallocateBytes();
		if (!this.settings.direct()) {
			return reserve(false, requested, requested, null);
		}
		long available = available();
		long budget = available / 2;
		boolean typo = requested > available;
		long target = chunks(typo ? available / 4 : Math.min(requested, budget));
		@Nullable String cause = null;
		if (target < requested) {
			cause = "requested " + requested + " bytes exceeds the budget of " + budget + " bytes (half of "
					+ this.limits.availableDirectMemory() + " bytes of available direct memory"
					+ ((this.limits.containerLimit() >= 0)
							? ", half of " + this.limits.containerRoom() + " bytes the container limit of "
									+ this.limits.containerLimit() + " leaves beside the heap"
							: "")
					+ ")" + (typo ? "; a request above all the memory there is is taken for a typo and granted a "
							+ "quarter of it, in whole chunks: " + target + " bytes" : "");
			failIfFast(requested, budget, cause);
		}
		@Nullable String refused = null;
		while (target >= this.settings.chunkSize() || (requested == 0 && target == 0)) {
			try {
				return reserve(true, requested, target,
						(refused != null) ? refused + "; reserved " + target + " bytes instead" : cause);
			}
			catch (OutOfMemoryError ex) {
				String failure = "reserving " + target + " bytes failed: " + ex.getMessage();
				failIfFast(requested, target, failure);
				logger.warn("Buffer pool: {}; trying half", failure);
				refused = (refused != null) ? refused : failure;
				target = chunks(target / 2);
			}
		}
		cause = (refused != null) ? refused : cause;
		String heapCause = "no direct memory for even one chunk of " + this.settings.chunkSize() + " bytes"
				+ ((cause != null) ? " (" + cause + ")" : "") + "; using heap buffers";
		failIfFast(requested, target, heapCause);
		return reserve(false, requested, 0, heapCause);
	}

	private long available() {
		return Math.min(this.limits.availableDirectMemory(), this.limits.containerRoom());
	}

	private long chunks(long bytes) {
		long chunkSize = this.settings.chunkSize();
		return (bytes / chunkSize) * chunkSize;
	}

	private void failIfFast(long requested, long available, String cause) {
		if (this.settings.failFast()) {
			throw new BufferPoolUnavailableException(requested, available, cause);
		}
	}

	private BufferPool reserve(boolean direct, long requested, long target, @Nullable String cause) {
		PooledByteBufAllocator allocator = allocator(direct);
		List<ByteBuf> reservations = new ArrayList<>();
		try {
			long reserved = new ChunkReservation(allocator, direct, this.settings.arenas(), target).reserve(reservations);
			BufferPool pool = new BufferPool(allocator, direct, requested, reserved, cause, reservations, this.settings);
			log(pool);
			return pool;
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			reservations.forEach(ByteBuf::release);
			throw ex;
		}
	}

	private PooledByteBufAllocator allocator(boolean direct) {
		BufferPoolSettings s = this.settings;
		int smallCache = s.threadCache() ? s.smallCacheSize() : 0;
		int normalCache = s.threadCache() ? s.normalCacheSize() : 0;
		return new BufferPoolAllocator(direct, direct ? 0 : s.arenas(), direct ? s.arenas() : 0, s.pageSize(),
				s.maxOrder(), smallCache, normalCache);
	}

	private static void log(BufferPool pool) {
		String summary = "Zokio buffer pool: " + (pool.isDirect() ? "direct" : "heap") + ", "
				+ ByteSizes.format(pool.preallocatedBytes()) + " of " + ByteSizes.format(pool.requestedBytes())
				+ " pre-allocated in " + pool.chunks() + " chunks of " + ByteSizes.format(pool.chunkSize()) + " over "
				+ pool.arenas() + " arenas";
		if (pool.isFallback()) {
			logger.warn("{}: {}", summary, pool.cause());
		}
		else {
			logger.info(summary);
		}
		if (pool.isDirect() && !PlatformDependent.useDirectBufferNoCleaner()) {
			logger.warn(CLEANER_WARNING);
		}
	}

}
