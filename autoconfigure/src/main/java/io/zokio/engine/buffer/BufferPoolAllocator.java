package io.zokio.engine.buffer;

import io.netty.buffer.PooledByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * The buffer pool's allocator: Netty's pooled allocator with a hash code that is the same in every
 * run, so that the {@code id} tag Micrometer's {@code NettyAllocatorMetrics} derives from it names
 * the same time series across restarts. There is one per server, compared by identity.
 */
final class BufferPoolAllocator extends PooledByteBufAllocator {

	/**
	 * The hash code of every buffer pool allocator: {@code zoki} in ASCII.
	 */
	static final int STABLE_HASH_CODE = 0x7a6f6b69;

	BufferPoolAllocator(boolean preferDirect, int heapArenas, int directArenas, int pageSize, int maxOrder,
			int smallCacheSize, int normalCacheSize) {
		super(preferDirect, heapArenas, directArenas, pageSize, maxOrder, smallCacheSize, normalCacheSize, false, 0);
	}

	@Override
	public int hashCode() {
		return STABLE_HASH_CODE;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other;
	}

}
