package io.zokio.engine.limits;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.zokio.engine.pipeline.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * Follows the framing of the HTTP/1.1 requests of one connection in its bytes as they arrive,
 * before Netty's decoder, and checks what that decoder takes as it comes: no field line of a head
 * or of a trailer section is folded (RFC 9112 section 5.2), and every chunk size line of a chunked
 * body is {@code 1*HEXDIG *( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] ) CRLF},
 * every chunk ends in CRLF (RFC 9112 section 7.1). Bodies framed by {@code Content-Length} are
 * skipped, so that pipelined requests are followed too. A head whose framing the decoder will
 * refuse anyway (conflicting or malformed {@code Content-Length}) ends the following: the
 * connection is closed with that refusal. Head bytes are searched for line feeds a word at a time;
 * only the first bytes of each field line are compared, against {@code content-length:} and
 * {@code transfer-encoding:}.
 */
final class RequestFraming {

	private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);

	private static final long MAX_CHUNK_SIZE = Integer.MAX_VALUE;

	/**
	 * The most bytes of chunk extensions one request may carry, over all its chunks, each counted
	 * from its {@code ;} to the end of its line: Node.js's bound
	 * since CVE-2024-22019. Netty's decoder skips extensions without limit, so 100,000 one-byte
	 * chunks with 4,000-byte extensions cost 400 MB of parsing for 100 KB of body.
	 */
	static final int MAX_EXTENSION_BYTES = 16 * 1024;

	private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

	private State state = State.HEAD;

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

	private long remaining;

	private int sizeDigits;

	private long extensionBytes;

	/**
	 * Follow bytes just read.
	 * @param bytes the bytes, not consumed
	 * @return {@link Refusal#LINE_FOLDING} or {@link Refusal#CHUNK} if they break a rule,
	 * {@link Refusal#CONTENT_TOO_LARGE} if the request's chunk extensions pass
	 * {@value #MAX_EXTENSION_BYTES} bytes
	 */
	@Nullable Refusal read(ByteBuf bytes) {
		int index = bytes.readerIndex();
		int end = bytes.writerIndex();
		while (index < end) {
			switch (this.state) {
				case HEAD, TRAILERS -> {
					index = lines(bytes, index, end);
					if (index < 0) {
						return Refusal.LINE_FOLDING;
					}
				}
				case BODY, CHUNK_DATA -> {
					int skipped = (int) Math.min(this.remaining, end - index);
					index += skipped;
					this.remaining -= skipped;
					if (this.remaining == 0 && this.state == State.BODY) {
						startHead();
					}
					else if (this.remaining == 0) {
						this.state = State.CHUNK_DATA_CR;
					}
				}
				case STOPPED -> {
					return null;
				}
				default -> {
					if (!chunkByte(bytes.getByte(index))) {
						this.state = State.STOPPED;
						return Refusal.CHUNK;
					}
					if (this.state.extension && ++this.extensionBytes > MAX_EXTENSION_BYTES) {
						this.state = State.STOPPED;
						return Refusal.CONTENT_TOO_LARGE;
					}
					index++;
				}
			}
		}
		return null;
	}

	private int lines(ByteBuf bytes, int from, int end) {
		int index = from;
		while (index < end) {
			if (this.lineStart) {
				byte first = bytes.getByte(index);
				if (this.afterContentLine && (first == ' ' || first == '\t')) {
					this.state = State.STOPPED;
					return -1;
				}
				this.lineStart = false;
				this.fieldMatched = 0;
				this.field = (this.state != State.HEAD || !this.lineSeen) ? null
						: (lower(first) == 'c') ? CONTENT_LENGTH : (lower(first) == 't') ? TRANSFER_ENCODING : null;
			}
			int lineFeed = bytes.indexOf(index, end, (byte) '\n');
			int lineEnd = (lineFeed < 0) ? end : lineFeed;
			if (this.field != null) {
				field(bytes, index, lineEnd);
			}
			this.lineHasContent |= hasContent(bytes, index, lineEnd);
			if (lineFeed < 0) {
				return end;
			}
			index = lineFeed + 1;
			if (!this.lineHasContent && this.lineSeen) {
				sectionEnded();
				return index;
			}
			this.lineSeen |= this.lineHasContent;
			this.afterContentLine = this.lineHasContent;
			this.lineHasContent = false;
			this.lineStart = true;
		}
		return index;
	}

	private void field(ByteBuf bytes, int from, int to) {
		byte[] name = this.field;
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

	private void sectionEnded() {
		if (this.state == State.TRAILERS) {
			startHead();
			return;
		}
		if (this.lengthInvalid || (this.lengthSeen && (this.chunked || !this.lengthDigits))) {
			this.state = State.STOPPED;
		}
		else if (this.chunked) {
			startChunk();
		}
		else if (this.length > 0) {
			this.state = State.BODY;
			this.remaining = this.length;
		}
		else {
			startHead();
		}
	}

	/**
	 * Return the bytes of chunk extensions of the request being read, which count toward its body.
	 * @return the extension bytes
	 */
	long extensionBytes() {
		return this.extensionBytes;
	}

	private void startHead() {
		this.state = State.HEAD;
		this.extensionBytes = 0;
		this.lineSeen = false;
		this.chunked = false;
		this.lengthSeen = false;
		this.lengthInvalid = false;
		this.lengthDigits = false;
		this.lengthEnded = false;
		this.length = 0;
		startLines();
	}

	private void startLines() {
		this.lineStart = true;
		this.lineHasContent = false;
		this.afterContentLine = false;
		this.field = null;
	}

	private void startChunk() {
		this.state = State.CHUNK_SIZE;
		this.remaining = 0;
		this.sizeDigits = 0;
	}

	private boolean chunkByte(byte b) {
		boolean blank = b == ' ' || b == '\t';
		switch (this.state) {
			case CHUNK_SIZE -> {
				int digit = Character.digit(b, 16);
				if (digit >= 0) {
					this.remaining = this.remaining * 16 + digit;
					this.sizeDigits++;
					return this.remaining <= MAX_CHUNK_SIZE;
				}
				if (this.sizeDigits == 0) {
					return false;
				}
				return (b == ';') ? to(State.EXTENSION_NAME_START) : blank ? to(State.SIZE_BLANK) : b == '\r' && to(State.LINE_LF);
			}
			case SIZE_BLANK -> {
				return blank || (b == ';' && to(State.EXTENSION_NAME_START));
			}
			case EXTENSION_NAME_START -> {
				return blank || (isTokenChar(b) && to(State.EXTENSION_NAME));
			}
			case EXTENSION_NAME -> {
				return isTokenChar(b) || afterName(b, blank);
			}
			case AFTER_EXTENSION_NAME -> {
				return blank || (b == '=' && to(State.EXTENSION_VALUE_START)) || (b == ';' && to(State.EXTENSION_NAME_START));
			}
			case EXTENSION_VALUE_START -> {
				return blank || (b == '"' && to(State.QUOTED_VALUE)) || (isTokenChar(b) && to(State.EXTENSION_VALUE));
			}
			case EXTENSION_VALUE -> {
				return isTokenChar(b) || afterValue(b, blank);
			}
			case QUOTED_VALUE -> {
				if (b == '"') {
					return to(State.AFTER_QUOTED_VALUE);
				}
				return (b == '\\') ? to(State.QUOTED_PAIR) : (blank || isVisibleOrObsText(b));
			}
			case QUOTED_PAIR -> {
				return (blank || isVisibleOrObsText(b)) && to(State.QUOTED_VALUE);
			}
			case AFTER_QUOTED_VALUE -> {
				return afterValue(b, blank);
			}
			case AFTER_EXTENSION_VALUE -> {
				return blank || (b == ';' && to(State.EXTENSION_NAME_START));
			}
			case LINE_LF -> {
				if (b != '\n') {
					return false;
				}
				if (this.remaining > 0) {
					return to(State.CHUNK_DATA);
				}
				this.state = State.TRAILERS;
				this.lineSeen = true;
				startLines();
				return true;
			}
			case CHUNK_DATA_CR -> {
				return b == '\r' && to(State.CHUNK_DATA_LF);
			}
			case CHUNK_DATA_LF -> {
				if (b != '\n') {
					return false;
				}
				startChunk();
				return true;
			}
			default -> {
				return false;
			}
		}
	}

	private boolean afterName(byte b, boolean blank) {
		return (blank && to(State.AFTER_EXTENSION_NAME)) || (b == '=' && to(State.EXTENSION_VALUE_START))
				|| (b == ';' && to(State.EXTENSION_NAME_START)) || (b == '\r' && to(State.LINE_LF));
	}

	private boolean afterValue(byte b, boolean blank) {
		return (blank && to(State.AFTER_EXTENSION_VALUE)) || (b == ';' && to(State.EXTENSION_NAME_START))
				|| (b == '\r' && to(State.LINE_LF));
	}

	private boolean to(State next) {
		this.state = next;
		return true;
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

	static boolean isTokenChar(byte b) {
		return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
				|| (b > ' ' && b < 0x7f && TOKEN_SYMBOLS.indexOf(b) >= 0);
	}

	private static boolean isVisibleOrObsText(byte b) {
		return (b > ' ' && b != 0x7f) || b < 0;
	}

	private enum State {

		HEAD, BODY, CHUNK_SIZE, SIZE_BLANK, EXTENSION_NAME_START(true), EXTENSION_NAME(true),
		AFTER_EXTENSION_NAME(true), EXTENSION_VALUE_START(true), EXTENSION_VALUE(true), QUOTED_VALUE(true),
		QUOTED_PAIR(true), AFTER_QUOTED_VALUE(true), AFTER_EXTENSION_VALUE(true), LINE_LF, CHUNK_DATA, CHUNK_DATA_CR,
		CHUNK_DATA_LF, TRAILERS, STOPPED;

		private final boolean extension;

		State() {
			this(false);
		}

		State(boolean extension) {
			this.extension = extension;
		}

	}

}
