package io.zokio.engine.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Exception;
import io.zokio.test.RawHttp2Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which frames the server writes count as a stream reset before it opened: a {@code RST_STREAM}
 * with {@code PROTOCOL_ERROR} for a client stream the codec never created, whole or split across
 * writes; never a reset of a created stream, one for another error, or a payload that looks like
 * one.
 */
class Http2ResetsTests {

	private static final int DATA = 0x0;

	private static final int HEADERS = 0x1;

	private static final int RST_STREAM = 0x3;

	private static final int SETTINGS = 0x4;

	private static final int PROTOCOL_ERROR = 0x1;

	private static final int CANCEL = 0x8;

	private final Http2Connection connection = new DefaultHttp2Connection(true);

	private final List<String> events = new ArrayList<>();

	private final ConnectionListener listener = new ConnectionListener() {

		@Override
		public ExchangeListener streamOpened(Exchange exchange) {
			Http2ResetsTests.this.events.add("opened");
			return new ExchangeListener() {

				@Override
				public void malformed() {
					Http2ResetsTests.this.events.add("malformed");
				}

				@Override
				public void closed() {
					Http2ResetsTests.this.events.add("closed");
				}

			};
		}

	};

	private Http2Resets resets;

	@BeforeEach
	void createStreamOne() throws Http2Exception {
		this.connection.remote().createStream(1, false);
		this.resets = new Http2Resets(this.connection);
	}

	@Test
	void countsAResetForProtocolErrorOfAStreamNeverCreatedAsAMalformedRequest() {
		write(frame(SETTINGS, 0, new byte[0]), reset(3, PROTOCOL_ERROR));
		assertThat(this.events).containsExactly("opened", "malformed", "closed");
	}

	@Test
	void followsFramesSplitAcrossWritesAtAnyByte() {
		byte[] bytes = concat(frame(HEADERS, 1, new byte[20]), reset(5, PROTOCOL_ERROR), reset(7, PROTOCOL_ERROR));
		for (int i = 0; i < bytes.length; i++) {
			write(new byte[] { bytes[i] });
		}
		assertThat(this.events).containsExactly("opened", "malformed", "closed", "opened", "malformed", "closed");
	}

	@Test
	void leavesAResetOfACreatedStreamOrForAnotherErrorToTheStream() {
		write(reset(1, PROTOCOL_ERROR), reset(3, CANCEL));
		assertThat(this.events).isEmpty();
	}

	@Test
	void skipsAPayloadThatHoldsTheBytesOfAReset() {
		byte[] data = frame(DATA, 1, reset(3, PROTOCOL_ERROR));
		write(Arrays.copyOf(data, 9), Arrays.copyOfRange(data, 9, data.length));
		assertThat(this.events).as("a payload written apart from its frame header, as Netty writes one").isEmpty();
		write(data);
		assertThat(this.events).isEmpty();
	}

	private void write(byte[]... pieces) {
		for (byte[] piece : pieces) {
			ByteBuf bytes = Unpooled.wrappedBuffer(piece);
			this.resets.written(bytes, this.listener);
			assertThat(bytes.readableBytes()).as("not consumed").isEqualTo(piece.length);
		}
	}

	private static byte[] reset(int stream, int error) {
		return frame(RST_STREAM, stream, new byte[] { 0, 0, 0, (byte) error });
	}

	private static byte[] frame(int type, int stream, byte[] payload) {
		return RawHttp2Connection.frame(type, 0, stream, payload);
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] joined = new byte[length];
		int offset = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, joined, offset, part.length);
			offset += part.length;
		}
		return joined;
	}

}
