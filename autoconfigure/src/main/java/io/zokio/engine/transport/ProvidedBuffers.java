package io.zokio.engine.transport;

import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;

/**
 * Buffers a transport may hand the kernel to read into only when data arrives (io_uring's provided
 * buffer ring), so that a connection waiting for data holds no buffer. Each event loop registers
 * one ring of {@code buffers} buffers of {@code bufferSize} bytes, filled on demand from
 * {@code source}.
 *
 * @param buffers the most buffers one event loop's ring holds, a power of two; zero for none
 * @param bufferSize the size of each buffer
 * @param source where the ring takes each new direct buffer from
 */
public record ProvidedBuffers(int buffers, int bufferSize, Supplier<ByteBuf> source) {

	/**
	 * No provided buffers: every read allocates its own.
	 */
	public static final ProvidedBuffers NONE = new ProvidedBuffers(0, 0, () -> {
		throw new IllegalStateException("no provided buffers");
	});

	/**
	 * The fewest buffers a ring may have.
	 */
	public static final int MIN_BUFFERS = 16;

	/**
	 * The most buffers a ring may have (io_uring counts them in 16 bits).
	 */
	public static final int MAX_BUFFERS = 16384;

	/**
	 * Buffers a ring starts with and grows by when the kernel finds it empty.
	 */
	static final int BATCH = 16;

	public ProvidedBuffers {
		if (buffers != 0 && !isBufferCount(buffers)) {
			throw new IllegalArgumentException("'buffers' must be zero or a power of two between " + MIN_BUFFERS
					+ " and " + MAX_BUFFERS + ", was " + buffers);
		}
		if (buffers != 0 && bufferSize < 1) {
			throw new IllegalArgumentException("'bufferSize' must be positive, was " + bufferSize);
		}
	}

	/**
	 * Return whether buffers are provided.
	 * @return whether there is a ring to register
	 */
	public boolean isProvided() {
		return this.buffers > 0;
	}

	/**
	 * Return how many buffers a ring starts with and grows by.
	 * @return the batch size
	 */
	int batch() {
		return Math.min(BATCH, this.buffers);
	}

	/**
	 * Return whether a ring can have the given number of buffers: a power of two from
	 * {@value #MIN_BUFFERS} to {@value #MAX_BUFFERS}, as io_uring requires.
	 * @param buffers the number of buffers
	 * @return whether it is valid
	 */
	public static boolean isBufferCount(int buffers) {
		return buffers >= MIN_BUFFERS && buffers <= MAX_BUFFERS && Integer.bitCount(buffers) == 1;
	}

}
