package io.zokio.engine.conformance;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;

/**
 * The ranges of one read's bytes that the HTTP decoder would only skip, and the read without
 * them: Netty's decoder parses a chunk size line's extensions byte by byte only to discard them,
 * at several times the cost per byte of the framing scan that has already checked them.
 */
final class SkippedBytes {

	private int[] ranges = new int[8];

	private int count;

	private int openedAt = -1;

	/**
	 * Start the ranges of a new read.
	 * @param index the read's first index
	 * @param skipping whether the read starts inside a range that an earlier read opened
	 */
	void start(int index, boolean skipping) {
		this.count = 0;
		this.openedAt = skipping ? index : -1;
	}

	/**
	 * Follow the state across the byte at one index: a range opens with the byte that enters a
	 * skipped state and closes before the byte that leaves it.
	 * @param index the byte's index
	 * @param before whether the state before the byte was skipped
	 * @param after whether the state after it is
	 */
	void at(int index, boolean before, boolean after) {
		if (!before && after) {
			this.openedAt = index;
		}
		else if (before && !after) {
			close(index);
		}
	}

	/**
	 * End the read at the given index, closing a range still open there.
	 * @param end the read's end
	 */
	void end(int end) {
		if (this.openedAt >= 0) {
			close(end);
		}
	}

	private void close(int end) {
		if (this.count + 2 > this.ranges.length) {
			this.ranges = Arrays.copyOf(this.ranges, this.ranges.length * 2);
		}
		this.ranges[this.count++] = this.openedAt;
		this.ranges[this.count++] = end;
		this.openedAt = -1;
	}

	/**
	 * Return the read without its skipped ranges, in a buffer of the same allocator, releasing it;
	 * or the read itself, when it has none.
	 * @param bytes the read the ranges were followed in
	 * @return the bytes to decode
	 */
	ByteBuf remove(ByteBuf bytes) {
		if (this.count == 0) {
			return bytes;
		}
		int skipped = 0;
		for (int i = 0; i < this.count; i += 2) {
			skipped += this.ranges[i + 1] - this.ranges[i];
		}
		ByteBuf kept = bytes.alloc().buffer(bytes.readableBytes() - skipped);
		int from = bytes.readerIndex();
		for (int i = 0; i < this.count; i += 2) {
			kept.writeBytes(bytes, from, this.ranges[i] - from);
			from = this.ranges[i + 1];
		}
		kept.writeBytes(bytes, from, bytes.writerIndex() - from);
		this.count = 0;
		bytes.release();
		return kept;
	}

}
