package io.zokio.engine.buffer;

import io.zokio.engine.transport.ProvidedBuffers;

/**
 * How to build the buffer pool.
 *
 * @param preallocateBytes bytes to reserve before the first request
 * @param direct whether to pool direct (off-heap) memory
 * @param arenas the number of arenas
 * @param pageSize the page size, a power of two of at least 4096
 * @param chunkSize the chunk size, the page size times a power of two, at most 2^14 pages
 * @param threadCache whether event loop threads keep a cache of recently freed buffers
 * @param smallCacheSize buffers of small sizes cached per thread
 * @param normalCacheSize buffers of normal sizes cached per thread
 * @param failFast whether to fail instead of shrinking the pool or falling back to heap buffers
 * @param ringBuffers the buffers of each event loop's io_uring read buffer ring: a power of two,
 * {@link #NO_RING} for no ring, or {@link #DEFAULT_RING} to size it from the pool
 * @param ringBufferSize the size of each read buffer of the ring
 */
public record BufferPoolSettings(long preallocateBytes, boolean direct, int arenas, int pageSize, int chunkSize,
		boolean threadCache, int smallCacheSize, int normalCacheSize, boolean failFast, int ringBuffers,
		int ringBufferSize) {

	/**
	 * The value of {@code ringBuffers} that turns the read buffer ring off.
	 */
	public static final int NO_RING = 0;

	/**
	 * The value of {@code ringBuffers} that sizes the read buffer ring from the pool.
	 */
	public static final int DEFAULT_RING = -1;

	/**
	 * The smallest page.
	 */
	public static final int MIN_PAGE_SIZE = 4096;

	/**
	 * The largest page or chunk: 1 GiB.
	 */
	public static final int MAX_CHUNK_SIZE = 1 << 30;

	/**
	 * The most pages of a chunk, as a power of two: Netty's largest {@code maxOrder}.
	 */
	public static final int MAX_ORDER = 14;

	public BufferPoolSettings {
		if (preallocateBytes < 0) {
			throw new IllegalArgumentException("'preallocateBytes' must not be negative");
		}
		if (arenas < 1) {
			throw new IllegalArgumentException("'arenas' must be at least 1, was " + arenas);
		}
		if (!isPageSize(pageSize)) {
			throw new IllegalArgumentException("'pageSize' must be a power of two of at least 4096, was " + pageSize);
		}
		if (!isChunkSize(chunkSize, pageSize)) {
			throw new IllegalArgumentException("'chunkSize' must be the page size times a power of two up to 2^"
					+ MAX_ORDER + ", was " + chunkSize);
		}
		if (ringBuffers != NO_RING && ringBuffers != DEFAULT_RING && !ProvidedBuffers.isBufferCount(ringBuffers)) {
			throw new IllegalArgumentException("'ringBuffers' must be a power of two between "
					+ ProvidedBuffers.MIN_BUFFERS + " and " + ProvidedBuffers.MAX_BUFFERS + ", was " + ringBuffers);
		}
		if (ringBufferSize < 1) {
			throw new IllegalArgumentException("'ringBufferSize' must be positive, was " + ringBufferSize);
		}
	}

	/**
	 * Settings with a read buffer ring sized from the pool.
	 * @param preallocateBytes bytes to reserve before the first request
	 * @param direct whether to pool direct (off-heap) memory
	 * @param arenas the number of arenas
	 * @param pageSize the page size, a power of two of at least 4096
	 * @param chunkSize the chunk size, the page size times a power of two, at most 2^14 pages
	 * @param threadCache whether event loop threads keep a cache of recently freed buffers
	 * @param smallCacheSize buffers of small sizes cached per thread
	 * @param normalCacheSize buffers of normal sizes cached per thread
	 * @param failFast whether to fail instead of shrinking the pool or falling back to heap buffers
	 */
	public BufferPoolSettings(long preallocateBytes, boolean direct, int arenas, int pageSize, int chunkSize,
			boolean threadCache, int smallCacheSize, int normalCacheSize, boolean failFast) {
		this(preallocateBytes, direct, arenas, pageSize, chunkSize, threadCache, smallCacheSize, normalCacheSize,
				failFast, DEFAULT_RING, ReadBufferRing.DEFAULT_BUFFER_SIZE);
	}

	/**
	 * Return Netty's {@code maxOrder}: the chunk size is the page size shifted by it.
	 * @return the max order
	 */
	public int maxOrder() {
		return Integer.numberOfTrailingZeros(chunkSize / pageSize);
	}

	/**
	 * Return whether a size can be a page: a power of two from {@value #MIN_PAGE_SIZE} bytes to
	 * {@value #MAX_CHUNK_SIZE}.
	 * @param bytes the size
	 * @return whether it is a valid page size
	 */
	public static boolean isPageSize(long bytes) {
		return bytes >= MIN_PAGE_SIZE && bytes <= MAX_CHUNK_SIZE && Long.bitCount(bytes) == 1;
	}

	/**
	 * Return whether a size can be a chunk of pages of the given size: a power of two from one page
	 * to 2^{@value #MAX_ORDER} pages, at most {@value #MAX_CHUNK_SIZE} bytes.
	 * @param bytes the size
	 * @param pageSize the page size, itself valid
	 * @return whether it is a valid chunk size
	 */
	public static boolean isChunkSize(long bytes, long pageSize) {
		return bytes >= pageSize && bytes <= MAX_CHUNK_SIZE && Long.bitCount(bytes) == 1
				&& bytes / pageSize <= (1L << MAX_ORDER);
	}

}
