package io.zokio.engine.protection;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.zokio.test.RawHttp2Connection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Http2FrameScannerTests {

	private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	@Test
	void tellsAnOpenHeaderBlockFromACompleteOneWhereverTheReadsSplit() {
		byte[] opening = concat(PREFACE, frame(0x4, 0, 0, 0), frame(0x1, 0x0, 1, 5));
		byte[] closing = frame(0x9, 0x4, 1, 3);
		for (int split = 0; split <= opening.length; split++) {
			Http2FrameScanner scanner = new Http2FrameScanner(0);
			scanner.read(Unpooled.wrappedBuffer(opening, 0, split));
			scanner.read(Unpooled.wrappedBuffer(opening, split, opening.length - split));
			assertThat(scanner.headersPending()).as("split at %d", split).isTrue();
			scanner.read(Unpooled.wrappedBuffer(closing));
			assertThat(scanner.headersPending()).as("split at %d", split).isFalse();
			assertThat(scanner.payloadPending()).isFalse();
		}
	}

	@Test
	void seesAPartialFrameHeaderAsPendingHeaders() {
		Http2FrameScanner scanner = new Http2FrameScanner(PREFACE.length);
		scanner.read(Unpooled.wrappedBuffer(frame(0x0, 0x1, 1, 4), 0, 5));
		assertThat(scanner.headersPending()).isTrue();
	}

	@Test
	void seesAPartialDataPayloadAsPendingPayloadOnly() {
		Http2FrameScanner scanner = new Http2FrameScanner(PREFACE.length);
		byte[] data = frame(0x0, 0x1, 1, 100);
		scanner.read(Unpooled.wrappedBuffer(data, 0, 50));
		assertThat(scanner.payloadPending()).isTrue();
		assertThat(scanner.headersPending()).isFalse();
		scanner.read(Unpooled.wrappedBuffer(data, 50, data.length - 50));
		assertThat(scanner.payloadPending()).isFalse();
	}

	@Test
	void countsThePrefaceBytesReadBeforeTheProtocolWasKnown() {
		Http2FrameScanner scanner = new Http2FrameScanner(10);
		scanner.read(Unpooled.wrappedBuffer(PREFACE, 10, 10));
		assertThat(scanner.headersPending()).isTrue();
		scanner.read(Unpooled.wrappedBuffer(concat(new byte[] { PREFACE[20], PREFACE[21], PREFACE[22], PREFACE[23] },
				frame(0x4, 0, 0, 0))));
		assertThat(scanner.headersPending()).isFalse();
	}

	@Test
	void countsEveryFrameThatCostsWorkWithoutCarryingARequestWhereverTheReadsSplit() {
		byte[] frames = concat(PREFACE, frame(0x4, 0, 0, 6), frame(0x4, 0x1, 0, 0), frame(0x6, 0, 0, 8),
				frame(0x6, 0x1, 0, 8), frame(0x2, 0, 3, 5), frame(0x3, 0, 3, 4), frame(0x0, 0, 1, 0),
				frame(0x0, 0x1, 1, 0), frame(0x0, 0, 1, 10), frame(0x8, 0, 0, 4), frame(0x1, 0x5, 5, 3));
		for (int split = 0; split <= frames.length; split++) {
			Http2FrameScanner scanner = new Http2FrameScanner(0);
			scanner.read(Unpooled.wrappedBuffer(frames, 0, split));
			scanner.read(Unpooled.wrappedBuffer(frames, split, frames.length - split));
			assertThat(scanner.controlFrames())
				.as("SETTINGS, PING, PRIORITY, RST_STREAM and empty DATA without END_STREAM, split at %d", split)
				.isEqualTo(5);
		}
	}

	private static byte[] frame(int type, int flags, int stream, int length) {
		return RawHttp2Connection.frame(type, flags, stream, new byte[length]);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
