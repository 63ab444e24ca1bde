package io.zokio.engine.conformance;

import java.util.ArrayDeque;

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
 * connection is closed with that refusal. Heads and trailer sections are followed by a
 * {@link FieldSection}.
 */
final class RequestFraming {

	private static final long MAX_CHUNK_SIZE = Integer.MAX_VALUE;

	/**
	 * The most bytes of chunk extensions one request may carry, over all its chunks, each counted
	 * from its {@code ;} to the end of its line: Node.js's bound
	 * since CVE-2024-22019. Netty's decoder skips extensions without limit, so 100,000 one-byte
	 * chunks with 4,000-byte extensions cost 400 MB of parsing for 100 KB of body.
	 */
	static final int MAX_EXTENSION_BYTES = 16 * 1024;

	private final FieldSection section = new FieldSection();

	private State state = State.HEAD;

	private long remaining;

	private int sizeDigits;

	private long extensionBytes;

	private final ArrayDeque<Long> framedExtensionBytes = new ArrayDeque<>(2);

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
					index = this.section.read(bytes, index, end);
					if (index < 0) {
						this.state = State.STOPPED;
						return Refusal.LINE_FOLDING;
					}
					if (this.section.ended()) {
						sectionEnded();
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
				case EXTENSION_NAME, EXTENSION_VALUE, QUOTED_VALUE -> {
					int run = run(bytes, index, end);
					Refusal refusal = (run > 0) ? extension(run) : chunkByteRead(bytes.getByte(index));
					if (refusal != null) {
						return refusal;
					}
					index += Math.max(run, 1);
				}
				default -> {
					Refusal refusal = chunkByteRead(bytes.getByte(index));
					if (refusal != null) {
						return refusal;
					}
					index++;
				}
			}
		}
		return null;
	}

	private @Nullable Refusal chunkByteRead(byte b) {
		if (!chunkByte(b)) {
			this.state = State.STOPPED;
			return Refusal.CHUNK;
		}
		return this.state.extension ? extension(1) : null;
	}

	private @Nullable Refusal extension(int bytes) {
		this.extensionBytes += bytes;
		if (this.extensionBytes > MAX_EXTENSION_BYTES) {
			this.state = State.STOPPED;
			return Refusal.CONTENT_TOO_LARGE;
		}
		return null;
	}

	/**
	 * Return how many bytes from the index continue the token or quoted text being read, in one
	 * pass over the buffer rather than a step of the state machine each.
	 */
	private int run(ByteBuf bytes, int index, int end) {
		int stop = bytes.forEachByte(index, end - index, (this.state == State.QUOTED_VALUE) ? Octets.NOT_QUOTED_TEXT : Octets.NOT_TOKEN);
		return ((stop < 0) ? end : stop) - index;
	}

	private void sectionEnded() {
		if (this.state == State.TRAILERS) {
			startHead();
			return;
		}
		if (this.section.framingInvalid()) {
			this.state = State.STOPPED;
		}
		else if (this.section.chunked()) {
			startChunk();
		}
		else if (this.section.length() > 0) {
			this.state = State.BODY;
			this.remaining = this.section.length();
		}
		else {
			startHead();
		}
	}

	/**
	 * Return the bytes of chunk extensions of the oldest request the decoder has not moved past,
	 * which count toward its body: these bytes run ahead of the decoder, and may already have framed
	 * that request whole and later ones too.
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

	private void startHead() {
		this.framedExtensionBytes.add(this.extensionBytes);
		this.state = State.HEAD;
		this.extensionBytes = 0;
		this.section.startHead();
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
				return blank || (Octets.isToken(b) && to(State.EXTENSION_NAME));
			}
			case EXTENSION_NAME -> {
				return Octets.isToken(b) || afterName(b, blank);
			}
			case AFTER_EXTENSION_NAME -> {
				return blank || (b == '=' && to(State.EXTENSION_VALUE_START)) || (b == ';' && to(State.EXTENSION_NAME_START));
			}
			case EXTENSION_VALUE_START -> {
				return blank || (b == '"' && to(State.QUOTED_VALUE)) || (Octets.isToken(b) && to(State.EXTENSION_VALUE));
			}
			case EXTENSION_VALUE -> {
				return Octets.isToken(b) || afterValue(b, blank);
			}
			case QUOTED_VALUE -> {
				if (b == '"') {
					return to(State.AFTER_QUOTED_VALUE);
				}
				return (b == '\\') ? to(State.QUOTED_PAIR) : (blank || Octets.isVisibleOrObsText(b));
			}
			case QUOTED_PAIR -> {
				return (blank || Octets.isVisibleOrObsText(b)) && to(State.QUOTED_VALUE);
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
				this.section.startTrailers();
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
