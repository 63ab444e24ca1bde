package io.zokio.engine.conformance;

import java.util.ArrayDeque;

import io.zokio.engine.pipeline.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * What the chunk size lines of one connection's requests may cost: each line its length, against
 * the decoder's initial line limit, which the decoder no longer applies to lines whose extensions
 * it does not see; each request its extension bytes, against {@value #MAX_EXTENSION_BYTES}, kept
 * until the decoder moves past the request, as they count toward its body.
 */
final class ChunkLines {

	/**
	 * The most bytes of chunk extensions one request may carry, over all its chunks, each counted
	 * from its {@code ;} to the end of its line: Node.js's bound since CVE-2024-22019. Netty's
	 * decoder skips extensions without limit: 400 MB of them would cost it a parse for 100 KB of body.
	 */
	static final int MAX_EXTENSION_BYTES = 16 * 1024;

	private final int maxLineLength;

	private int lineLength;

	private long extensionBytes;

	private final ArrayDeque<Long> framedExtensionBytes = new ArrayDeque<>(2);

	/**
	 * Create the chunk lines of a connection.
	 * @param maxLineLength the longest chunk size line, in bytes without its CRLF
	 */
	ChunkLines(int maxLineLength) {
		this.maxLineLength = maxLineLength;
	}

	void startLine() {
		this.lineLength = 0;
	}

	/**
	 * Count bytes of the current line.
	 * @param bytes how many
	 * @param extension whether they are bytes of an extension
	 * @return {@link Refusal#CHUNK} for a line over the limit, {@link Refusal#CONTENT_TOO_LARGE}
	 * for a request's extensions over theirs, or {@code null}
	 */
	@Nullable Refusal read(int bytes, boolean extension) {
		this.lineLength += bytes;
		if (this.lineLength > this.maxLineLength) {
			return Refusal.CHUNK;
		}
		if (extension) {
			this.extensionBytes += bytes;
		}
		return (this.extensionBytes > MAX_EXTENSION_BYTES) ? Refusal.CONTENT_TOO_LARGE : null;
	}

	/**
	 * The framing of a request ended: keep its extension bytes until the decoder moves past it.
	 */
	void requestFramed() {
		this.framedExtensionBytes.add(this.extensionBytes);
		this.extensionBytes = 0;
	}

	/**
	 * Return the extension bytes of the oldest request the decoder has not moved past.
	 * @return the extension bytes
	 */
	long extensionBytes() {
		Long framed = this.framedExtensionBytes.peek();
		return (framed != null) ? framed : this.extensionBytes;
	}

	/**
	 * The decoder moved on to the next request: forget the extension bytes of the one before it.
	 */
	void nextRequestDecoded() {
		this.framedExtensionBytes.poll();
	}

}
