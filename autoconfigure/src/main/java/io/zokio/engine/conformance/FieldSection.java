package io.zokio.engine.conformance;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Follows one field section, a request head or a chunked body's trailer section, in bytes as they
 * arrive: no field line may be folded (RFC 9112 section 5.2), and a head's framing fields are
 * read. Lines are searched for line feeds a word at a time; only the first bytes of each field line
 * of a head are compared, against {@code content-length:} and {@code transfer-encoding:}.
 */
final class FieldSection {

	private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);

	private boolean trailers;

	private boolean ended;

	private boolean lineStart = true;

	private boolean lineHasContent;

	private boolean lineSeen;

	private boolean afterContentLine;

	private byte @Nullable [] field;

	private int fieldMatched;

	private boolean chunked;

	private boolean lengthSeen;

	private boolean lengthInvalid;

	private boolean lengthDigits;

	private boolean lengthEnded;

	private long length;

	/**
	 * Start following a request head.
	 */
	void startHead() {
		this.trailers = false;
		this.lineSeen = false;
		this.chunked = false;
		this.lengthSeen = false;
		this.lengthInvalid = false;
		this.lengthDigits = false;
		this.lengthEnded = false;
		this.length = 0;
		startLines();
	}

	/**
	 * Start following the trailer section after a chunked body's last chunk, whose size line
	 * counts as its first line.
	 */
	void startTrailers() {
		this.trailers = true;
		this.lineSeen = true;
		startLines();
	}

	private void startLines() {
		this.ended = false;
		this.lineStart = true;
		this.lineHasContent = false;
		this.afterContentLine = false;
		this.field = null;
	}

	/**
	 * Follow bytes of the section.
	 * @param bytes the bytes
	 * @param from the first index to read
	 * @param end the index after the last one
	 * @return the index after the section's empty line if it {@link #ended()}, {@code end} if it
	 * goes on, or {@code -1} if a field line is folded
	 */
	int read(ByteBuf bytes, int from, int end) {
		int index = from;
		while (index < end) {
			if (this.lineStart) {
				byte first = bytes.getByte(index);
				if (this.afterContentLine && (first == ' ' || first == '\t')) {
					return -1;
				}
				this.lineStart = false;
				this.fieldMatched = 0;
				this.field = (this.trailers || !this.lineSeen) ? null
						: (lower(first) == 'c') ? CONTENT_LENGTH : (lower(first) == 't') ? TRANSFER_ENCODING : null;
			}
			int lineFeed = bytes.indexOf(index, end, (byte) '\n');
			int lineEnd = (lineFeed < 0) ? end : lineFeed;
			byte[] name = this.field;
			if (name != null) {
				field(name, bytes, index, lineEnd);
			}
			this.lineHasContent |= hasContent(bytes, index, lineEnd);
			if (lineFeed < 0) {
				return end;
			}
			index = lineFeed + 1;
			if (!this.lineHasContent && this.lineSeen) {
				this.ended = true;
				return index;
			}
			this.lineSeen |= this.lineHasContent;
			this.afterContentLine = this.lineHasContent;
			this.lineHasContent = false;
			this.lineStart = true;
		}
		return index;
	}

	boolean ended() {
		return this.ended;
	}

	boolean isTrailers() {
		return this.trailers;
	}

	/**
	 * Return whether the head's framing is one Netty's decoder refuses: conflicting or malformed
	 * {@code Content-Length}, or one beside {@code Transfer-Encoding}.
	 * @return whether the framing is invalid
	 */
	boolean framingInvalid() {
		return this.lengthInvalid || (this.lengthSeen && (this.chunked || !this.lengthDigits));
	}

	boolean chunked() {
		return this.chunked;
	}

	long length() {
		return this.length;
	}

	private void field(byte[] name, ByteBuf bytes, int from, int to) {
		int index = from;
		if (this.fieldMatched < name.length) {
			while (this.fieldMatched < name.length && index < to) {
				if (lower(bytes.getByte(index)) != name[this.fieldMatched]) {
					this.field = null;
					return;
				}
				this.fieldMatched++;
				index++;
			}
			if (this.fieldMatched < name.length) {
				return;
			}
			if (name == TRANSFER_ENCODING) {
				this.chunked = true;
				this.field = null;
				return;
			}
			this.lengthInvalid |= this.lengthSeen;
			this.lengthSeen = true;
		}
		for (; index < to; index++) {
			lengthByte(bytes.getByte(index));
		}
	}

	private void lengthByte(byte b) {
		if (b == ' ' || b == '\t' || b == '\r') {
			this.lengthEnded |= this.lengthDigits;
		}
		else if (b >= '0' && b <= '9' && !this.lengthEnded && this.length <= (Long.MAX_VALUE - 9) / 10) {
			this.length = this.length * 10 + (b - '0');
			this.lengthDigits = true;
		}
		else {
			this.lengthInvalid = true;
		}
	}

	private static boolean hasContent(ByteBuf bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes.getByte(i) != '\r') {
				return true;
			}
		}
		return false;
	}

	private static byte lower(byte b) {
		return (b >= 'A' && b <= 'Z') ? (byte) (b + ('a' - 'A')) : b;
	}

}
