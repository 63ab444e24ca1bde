package io.zokio.actuate.endpoint;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.ReadBufferRing;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code bufferPool} section of the {@link ZokioEndpoint}.
 *
 * @param allocator the allocator kind, {@code pooled}
 * @param direct whether the pool holds direct (off-heap) memory
 * @param requestedBytes bytes configured to be pre-allocated
 * @param preallocatedBytes bytes reserved at startup and kept
 * @param usedBytes bytes the pool holds now, from the allocator's own metrics
 * @param inUseBytes bytes of the buffers handed out now, part of {@code usedBytes}
 * @param arenas the number of arenas
 * @param chunks the number of chunks held now
 * @param chunkSize the chunk size in bytes
 * @param fallback whether the pool was shrunk or moved to heap
 * @param cause why it was, or {@code null}
 * @param exhausted requests and connections refused because direct memory ran out
 * @param pressureEpisodes episodes of direct memory pressure, each logged once
 * @param ring the io_uring read buffer ring the pool lends the kernel, {@code null} when reads do
 * not use one
 */
public record BufferPoolDescriptor(String allocator, boolean direct, long requestedBytes, long preallocatedBytes,
		long usedBytes, long inUseBytes, int arenas, long chunks, int chunkSize, boolean fallback,
		@JsonInclude(Include.ALWAYS) @Nullable String cause, long exhausted, long pressureEpisodes,
		@JsonInclude(Include.ALWAYS) @Nullable RingDescriptor ring) implements OperationResponseBody {

	static @Nullable BufferPoolDescriptor of(@Nullable BufferPool pool) {
		if (pool == null) {
			return null;
		}
		return new BufferPoolDescriptor("pooled", pool.isDirect(), pool.requestedBytes(), pool.preallocatedBytes(),
				pool.usedBytes(), pool.inUseBytes(), pool.arenas(), pool.chunks(), pool.chunkSize(), pool.isFallback(), pool.cause(),
				pool.guard().refusals(), pool.guard().episodes(), RingDescriptor.of(pool.registeredRing()));
	}

	/**
	 * The io_uring read buffer ring of the {@code bufferPool} section.
	 *
	 * @param buffers the most buffers in each event loop's ring
	 * @param bufferSize the size of each buffer
	 * @param taken buffers the rings took from the pool
	 * @param exhaustions reads that found their ring empty and waited
	 * @param episodes episodes of exhaustion, each logged once
	 */
	public record RingDescriptor(int buffers, int bufferSize, long taken, long exhaustions, long episodes) {

		static @Nullable RingDescriptor of(@Nullable ReadBufferRing ring) {
			if (ring == null) {
				return null;
			}
			return new RingDescriptor(ring.buffers(), ring.bufferSize(), ring.taken(), ring.exhaustions(),
					ring.episodes());
		}

	}

}
