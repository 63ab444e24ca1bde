package io.zokio.engine.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Connection;

/**
 * Follows the frames the server writes on an HTTP/2 connection, from a frame boundary on, to find
 * each {@code RST_STREAM} with {@code PROTOCOL_ERROR} that the codec sends for a stream it never
 * opened: a request whose header block it found malformed (a field name with capitals, a missing
 * or repeated pseudo-header; RFC 9113, section 8.1.1), refused before any stream channel exists and
 * so before an exchange seat could count it. Reads the 9 bytes of each frame header (and the error
 * code of a reset), and skips every other payload by its length. Each is handed to the listeners
 * as a stream that opened malformed and closed: a request that could not be decoded.
 */
final class Http2Resets {

	/**
	 * The exchange of a stream the codec reset before it opened: nothing to refuse, nothing read.
	 */
	static final Exchange UNOPENED = new Exchange() {

		@Override
		public void refuse(Refusal refusal) {
		}

		@Override
		public boolean isReading() {
			return false;
		}

	};

	private static final int FRAME_HEADER_LENGTH = 9;

	private static final int RST_STREAM = 0x3;

	private static final int RST_STREAM_LENGTH = FRAME_HEADER_LENGTH + 4;

	private static final int PROTOCOL_ERROR = 0x1;

	private final Http2Connection connection;

	private final byte[] frame = new byte[RST_STREAM_LENGTH];

	private int fill;

	private long payloadRemaining;

	/**
	 * Start following the frames of a connection at a frame boundary.
	 * @param connection the codec's view of the connection, which knows the streams it created
	 */
	Http2Resets(Http2Connection connection) {
		this.connection = connection;
	}

	/**
	 * Follow bytes the server writes, and hand each reset of a stream the codec never created to
	 * the listeners.
	 * @param bytes the bytes, not consumed
	 * @param listener the connection's listener
	 */
	void written(ByteBuf bytes, ConnectionListener listener) {
		int index = bytes.readerIndex();
		int end = bytes.writerIndex();
		while (index < end) {
			if (this.payloadRemaining > 0) {
				int skipped = (int) Math.min(this.payloadRemaining, end - index);
				this.payloadRemaining -= skipped;
				index += skipped;
				continue;
			}
			this.frame[this.fill++] = bytes.getByte(index++);
			if (this.fill == FRAME_HEADER_LENGTH && !isReset()) {
				this.payloadRemaining = int24(0);
				this.fill = 0;
			}
			else if (this.fill == RST_STREAM_LENGTH) {
				this.fill = 0;
				if (int32(9) == PROTOCOL_ERROR && isUnopened(int32(5) & Integer.MAX_VALUE)) {
					ExchangeListener stream = listener.streamOpened(UNOPENED);
					stream.malformed();
					stream.closed();
				}
			}
		}
	}

	private boolean isUnopened(int streamId) {
		return this.connection.remote().isValidStreamId(streamId)
				&& streamId > this.connection.remote().lastStreamCreated();
	}

	private boolean isReset() {
		return (this.frame[3] & 0xff) == RST_STREAM && int24(0) == RST_STREAM_LENGTH - FRAME_HEADER_LENGTH;
	}

	private int int24(int offset) {
		return ((this.frame[offset] & 0xff) << 16) | ((this.frame[offset + 1] & 0xff) << 8)
				| (this.frame[offset + 2] & 0xff);
	}

	private int int32(int offset) {
		return ((this.frame[offset] & 0xff) << 24) | int24(offset + 1);
	}

}
