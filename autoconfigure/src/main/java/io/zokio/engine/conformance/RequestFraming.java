package io.zokio.engine.conformance;

import java.util.EnumSet;
import java.util.Set;

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
 * {@link FieldSection}. The decoder gets the bytes without the chunk extensions it would only skip.
 */
final class RequestFraming {

	private static final long MAX_CHUNK_SIZE = Integer.MAX_VALUE;

	private final FieldSection section = new FieldSection();

	private final ChunkLines lines;

	private State state = State.HEAD;

	private long remaining;

	private int sizeDigits;

	private final SkippedBytes skipped = new SkippedBytes();

	/**
	 * Create the framing of a connection's requests.
	 * @param maxLineLength the longest chunk size line, in bytes without its CRLF: the decoder's
	 * initial line limit, which it no longer applies to lines whose extensions it does not see
	 */
	RequestFraming(int maxLineLength) {
		this.lines = new ChunkLines(maxLineLength);
	}

	/**
	 * Follow bytes just read.
	 * @param bytes the bytes, not consumed
	 * @return {@link Refusal#LINE_FOLDING} or {@link Refusal#CHUNK} if they break a rule,
	 * {@link Refusal#CONTENT_TOO_LARGE} if the request's chunk extensions pass
	 * {@value ChunkLines#MAX_EXTENSION_BYTES} bytes
	 */
	@Nullable Refusal read(ByteBuf bytes) {
		int index = bytes.readerIndex();
		int end = bytes.writerIndex();
		this.skipped.start(index, skipping());
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
					Refusal refusal = (run > 0) ? lineRead(run, true) : chunkByteRead(bytes, index);
					if (refusal != null) {
						return refusal;
					}
					index += Math.max(run, 1);
				}
				default -> {
					Refusal refusal = chunkByteRead(bytes, index);
					if (refusal != null) {
						return refusal;
					}
					index++;
				}
			}
		}
		this.skipped.end(end);
		return null;
	}

	/**
	 * Return the bytes of the last read for the decoder: without the extensions of its chunk size
	 * lines and the blanks before them, which the decoder would only skip, once they were checked.
	 * @param bytes the bytes of the last read, released if others take their place
	 * @return the bytes to decode
	 */
	ByteBuf decoding(ByteBuf bytes) {
		return this.skipped.remove(bytes);
	}

	private @Nullable Refusal chunkByteRead(ByteBuf bytes, int index) {
		State before = this.state;
		byte b = bytes.getByte(index);
		if (!chunkByte(b)) {
			return stop(Refusal.CHUNK);
		}
		this.skipped.at(index, State.SKIPPED.contains(before), skipping());
		return (b != '\r' && State.LINE.contains(before)) ? lineRead(1, State.EXTENSION.contains(this.state)) : null;
	}

	private @Nullable Refusal lineRead(int bytes, boolean extension) {
		Refusal refusal = this.lines.read(bytes, extension);
		return (refusal != null) ? stop(refusal) : null;
	}

	private Refusal stop(Refusal refusal) {
		this.state = State.STOPPED;
		return refusal;
	}

	private boolean skipping() {
		return State.SKIPPED.contains(this.state);
	}

	/**
	 * Return how many bytes from the index continue the token or quoted text being read, in one pass.
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
		return this.lines.extensionBytes();
	}

	/**
	 * The decoder moved on to the next request: forget the extension bytes of the one before it.
	 */
	void nextRequestDecoded() {
		this.lines.nextRequestDecoded();
	}

	private void startHead() {
		this.lines.requestFramed();
		this.state = State.HEAD;
		this.section.startHead();
	}

	private void startChunk() {
		this.state = State.CHUNK_SIZE;
		this.remaining = 0;
		this.sizeDigits = 0;
		this.lines.startLine();
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

		HEAD, BODY, CHUNK_SIZE, SIZE_BLANK, EXTENSION_NAME_START, EXTENSION_NAME, AFTER_EXTENSION_NAME,
		EXTENSION_VALUE_START, EXTENSION_VALUE, QUOTED_VALUE, QUOTED_PAIR, AFTER_QUOTED_VALUE, AFTER_EXTENSION_VALUE,
		LINE_LF, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF, TRAILERS, STOPPED;

		private static final Set<State> EXTENSION = EnumSet.range(EXTENSION_NAME_START, AFTER_EXTENSION_VALUE);

		private static final Set<State> SKIPPED = EnumSet.range(SIZE_BLANK, AFTER_EXTENSION_VALUE);

		private static final Set<State> LINE = EnumSet.range(CHUNK_SIZE, AFTER_EXTENSION_VALUE);

	}

}
