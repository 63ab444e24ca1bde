package io.zokio.engine.protection;

import io.netty.buffer.ByteBuf;

/**
 * Follows the frame boundaries of an HTTP/2 connection's bytes without decoding them, so that the
 * guard can tell a stalled header block or frame from a quiet connection: it reads the 9 bytes of
 * each frame header and skips each payload by its length.
 */
final class Http2FrameScanner {

	static final int PREFACE_LENGTH = 24;

	private static final int FRAME_HEADER_LENGTH = 9;

	private static final int DATA = 0x0;

	private static final int HEADERS = 0x1;

	private static final int PRIORITY = 0x2;

	private static final int RST_STREAM = 0x3;

	private static final int SETTINGS = 0x4;

	private static final int PING = 0x6;

	private static final int ACK = 0x1;

	private static final int END_STREAM = 0x1;

	private static final int PUSH_PROMISE = 0x5;

	private static final int CONTINUATION = 0x9;

	private static final int END_HEADERS = 0x4;

	private final byte[] frameHeader = new byte[FRAME_HEADER_LENGTH];

	private int prefaceRemaining;

	private int frameHeaderFill;

	private long payloadRemaining;

	private boolean headerFrame;

	private boolean endsHeaderBlock;

	private boolean headerBlockOpen;

	private long controlFrames;

	/**
	 * Create a scanner of a connection whose preface has partly been read already.
	 * @param prefaceBytesSeen how many bytes of the preface were read before HTTP/2 was known
	 */
	Http2FrameScanner(int prefaceBytesSeen) {
		this.prefaceRemaining = Math.max(0, PREFACE_LENGTH - prefaceBytesSeen);
	}

	void read(ByteBuf bytes) {
		int index = bytes.readerIndex();
		int end = bytes.writerIndex();
		while (index < end) {
			if (this.prefaceRemaining > 0) {
				int skipped = Math.min(this.prefaceRemaining, end - index);
				this.prefaceRemaining -= skipped;
				index += skipped;
			}
			else if (this.payloadRemaining > 0) {
				int skipped = (int) Math.min(this.payloadRemaining, end - index);
				this.payloadRemaining -= skipped;
				index += skipped;
				if (this.payloadRemaining == 0) {
					frameEnded();
				}
			}
			else {
				this.frameHeader[this.frameHeaderFill++] = bytes.getByte(index++);
				if (this.frameHeaderFill == FRAME_HEADER_LENGTH) {
					frameHeaderRead();
				}
			}
		}
	}

	private void frameHeaderRead() {
		this.frameHeaderFill = 0;
		int type = this.frameHeader[3] & 0xff;
		this.headerFrame = type == HEADERS || type == PUSH_PROMISE || type == CONTINUATION;
		this.endsHeaderBlock = this.headerFrame && (this.frameHeader[4] & END_HEADERS) != 0;
		this.headerBlockOpen |= this.headerFrame;
		this.payloadRemaining = ((this.frameHeader[0] & 0xffL) << 16) | ((this.frameHeader[1] & 0xffL) << 8)
				| (this.frameHeader[2] & 0xffL);
		if (isControlFrame(type, this.frameHeader[4] & 0xff, this.payloadRemaining)) {
			this.controlFrames++;
		}
		if (this.payloadRemaining == 0) {
			frameEnded();
		}
	}

	/**
	 * Return whether a frame costs the server work without carrying a request: SETTINGS and PING
	 * (each answered with an ACK), RST_STREAM, PRIORITY, and DATA with no payload that does not end
	 * its stream (the floods of CVE-2019-9512, 9513, 9515, 9518 and CVE-2023-44487).
	 */
	private static boolean isControlFrame(int type, int flags, long length) {
		return switch (type) {
			case SETTINGS, PING -> (flags & ACK) == 0;
			case RST_STREAM, PRIORITY -> true;
			case DATA -> length == 0 && (flags & END_STREAM) == 0;
			default -> false;
		};
	}

	/**
	 * Return how many control frames the connection sent so far.
	 * @return the control frames
	 */
	long controlFrames() {
		return this.controlFrames;
	}

	private void frameEnded() {
		if (this.endsHeaderBlock) {
			this.headerBlockOpen = false;
		}
		this.headerFrame = false;
		this.endsHeaderBlock = false;
	}

	/**
	 * Return whether the connection is in the middle of its preface, a frame header, or a header
	 * block (HEADERS or PUSH_PROMISE and its CONTINUATION frames).
	 * @return whether headers are pending
	 */
	boolean headersPending() {
		return (this.prefaceRemaining > 0 && this.prefaceRemaining < PREFACE_LENGTH) || this.frameHeaderFill > 0
				|| this.headerBlockOpen;
	}

	/**
	 * Return whether the connection is in the middle of the payload of a frame other than headers.
	 * @return whether a payload is pending
	 */
	boolean payloadPending() {
		return this.payloadRemaining > 0 && !this.headerFrame;
	}

}
