package io.zokio.engine.conformance;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zokio.engine.pipeline.Refusal;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFramingTests {

	private static final int MAX_LINE_LENGTH = 8192;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			plain head                          | GET / HTTP/1.1\\r\\nHost: a\\r\\nAccept: */*\\r\\n\\r\\n                                  |
			empty lines before the request line | \\r\\n\\r\\nGET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n                                         |
			line folded with a space            | GET / HTTP/1.1\\r\\nHost: a\\r\\nX-Folded: one\\r\\n two\\r\\n\\r\\n                      | lineFolding
			line folded with a tab              | GET / HTTP/1.1\\r\\nHost: a\\r\\nX-Folded: one\\r\\n\\ttwo\\r\\n\\r\\n                    | lineFolding
			bare line feeds                     | GET / HTTP/1.1\\nHost: a\\nX-Folded: one\\n two\\n\\n                                   | lineFolding
			body that looks folded              | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 7\\r\\n\\r\\n\\n abc\\r\\n                   |
			fold after a Content-Length body    | POST / HTTP/1.1\\r\\ncontent-LENGTH:  3 \\r\\n\\r\\nabcGET / HTTP/1.1\\r\\nX: 1\\r\\n 2\\r\\n\\r\\n  | lineFolding
			chunked body                        | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhello\\r\\nA\\r\\n0123456789\\r\\n0\\r\\n\\r\\n |
			chunk extensions                    | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5 ; a ; b = c;d="x\\\\"y";e\\r\\nhello\\r\\n0;z\\r\\n\\r\\n |
			chunk data that looks like a size   | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\n;;;\\r\\n0\\r\\n\\r\\n            |
			trailers                            | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\nX-A: 1\\r\\nX-B: 2\\r\\n\\r\\n     |
			empty chunk extension               | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5;\\r\\nhello\\r\\n0\\r\\n\\r\\n          | chunk
			chunk extension with a space inside | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5;a b\\r\\nhello\\r\\n0\\r\\n\\r\\n       | chunk
			unterminated quoted value           | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5;a="b\\r\\nhello\\r\\n0\\r\\n\\r\\n      | chunk
			blank after the size only           | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5 \\r\\nhello\\r\\n0\\r\\n\\r\\n          | chunk
			no chunk size                       | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n;a\\r\\nhello\\r\\n0\\r\\n\\r\\n         | chunk
			chunk size overflow                 | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n100000000\\r\\nhello                  | chunk
			chunk longer than its size          | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nhello\\r\\n0\\r\\n\\r\\n           | chunk
			bare line feed after a size         | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\nhello\\r\\n0\\r\\n\\r\\n             | chunk
			folded trailer                      | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\nX-A: 1\\r\\n 2\\r\\n\\r\\n         | lineFolding
			bad chunk in a pipelined request    | GET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\nPOST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5;\\r\\nhello\\r\\n0\\r\\n\\r\\n | chunk
			malformed Content-Length stops     | POST / HTTP/1.1\\r\\nContent-Length: 1x\\r\\n\\r\\n5;\\r\\n                                   |
			""")
	void followsTheFramingWhereverTheReadsSplitIt(String description, String request, @Nullable String refusal) {
		byte[] bytes = request.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")
			.getBytes(StandardCharsets.US_ASCII);
		String expected = (refusal != null) ? refusal : "";
		for (int split = 0; split <= bytes.length; split++) {
			RequestFraming framing = new RequestFraming(MAX_LINE_LENGTH);
			String found = read(framing, bytes, 0, split);
			if (found.isEmpty()) {
				found = read(framing, bytes, split, bytes.length);
			}
			assertThat(found).as("split at %d", split).isEqualTo(expected);
		}
		RequestFraming framing = new RequestFraming(MAX_LINE_LENGTH);
		String found = "";
		for (int i = 0; i < bytes.length && found.isEmpty(); i++) {
			found = read(framing, bytes, i, i + 1);
		}
		assertThat(found).as("byte by byte").isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} chunks with an extension name of {1} bytes: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			4    | 4095  |
			1    | 16383 |
			1    | 16384 | contentTooLarge
			8192 | 1     |
			8193 | 1     | contentTooLarge
			100  | 4000  | contentTooLarge
			""")
	void boundsTheChunkExtensionsOfARequestWhereverTheReadsSplitThem(int chunks, int name, @Nullable String refusal) {
		StringBuilder request = new StringBuilder("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
		for (int i = 0; i < chunks; i++) {
			request.append("1;").append("e".repeat(name)).append("\r\nx\r\n");
		}
		byte[] bytes = request.append("0\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").toString()
			.getBytes(StandardCharsets.US_ASCII);
		assertFoundAtSomeSplits(() -> new RequestFraming(Integer.MAX_VALUE), bytes, refusal);
	}

	@ParameterizedTest(name = "a chunk size line of {0} bytes: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			8192 |
			8193 | chunk
			""")
	void boundsEachChunkSizeLineAsTheDecodersInitialLineWhereverTheReadsSplitIt(int length, @Nullable String refusal) {
		String line = "1 ;n=" + "v".repeat(length - 5);
		byte[] bytes = ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + line + "\r\nx\r\n0\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		assertFoundAtSomeSplits(() -> new RequestFraming(MAX_LINE_LENGTH), bytes, refusal);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			extensions and blanks      | 5 ; a ; b = c;d="x\\\\"y";e\\r\\nhello\\r\\n0;z\\r\\n\\r\\n | 5\\r\\nhello\\r\\n0\\r\\n\\r\\n
			no extension               | A\\r\\n0123456789\\r\\n0\\r\\n\\r\\n                      | A\\r\\n0123456789\\r\\n0\\r\\n\\r\\n
			data that looks like one   | 3;a\\r\\n;;;\\r\\n0\\r\\n\\r\\n                            | 3\\r\\n;;;\\r\\n0\\r\\n\\r\\n
			trailer with a semicolon   | 1;a=b\\r\\nx\\r\\n0\\r\\nX-T: a;b\\r\\n\\r\\n               | 1\\r\\nx\\r\\n0\\r\\nX-T: a;b\\r\\n\\r\\n
			pipelined after extensions | 1;a\\r\\nx\\r\\n0\\r\\n\\r\\nGET /;x HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n | 1\\r\\nx\\r\\n0\\r\\n\\r\\nGET /;x HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n
			""")
	void givesTheDecoderTheBytesWithoutChunkExtensionsWhereverTheReadsSplitThem(String description, String body,
			String decoded) {
		String head = "POST /;p HTTP/1.1\r\nX-H: a;b\r\nTransfer-Encoding: chunked\r\n\r\n";
		byte[] bytes = unescape(head + body);
		String expected = new String(unescape(head + decoded), StandardCharsets.US_ASCII);
		for (int split = 0; split <= bytes.length; split++) {
			RequestFraming framing = new RequestFraming(MAX_LINE_LENGTH);
			assertThat(decode(framing, bytes, 0, split) + decode(framing, bytes, split, bytes.length))
				.as("split at %d", split)
				.isEqualTo(expected);
		}
		RequestFraming framing = new RequestFraming(MAX_LINE_LENGTH);
		StringBuilder found = new StringBuilder();
		for (int i = 0; i < bytes.length; i++) {
			found.append(decode(framing, bytes, i, i + 1));
		}
		assertThat(found).as("byte by byte").hasToString(expected);
	}

	@Test
	void releasesTheReadItGivesTheDecoderOthersInPlaceOf() {
		RequestFraming framing = new RequestFraming(MAX_LINE_LENGTH);
		ByteBuf read = Unpooled.copiedBuffer("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;a\r\nx\r\n",
				StandardCharsets.US_ASCII);
		assertThat(framing.read(read)).isNull();
		ByteBuf decoded = framing.decoding(read);
		assertThat(read.refCnt()).isZero();
		assertThat(decoded.refCnt()).isOne();
		decoded.release();
		ByteBuf next = Unpooled.copiedBuffer("0\r\n\r\n", StandardCharsets.US_ASCII);
		assertThat(framing.read(next)).isNull();
		assertThat(framing.decoding(next)).as("nothing to skip: the read itself").isSameAs(next);
		next.release();
	}

	@Test
	void countsTheExtensionsOfEachRequestUntilTheDecoderMovesPastIt() {
		RequestFraming framing = new RequestFraming(MAX_LINE_LENGTH);
		byte[] first = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;abc=def\r\nx\r\n"
			.getBytes(StandardCharsets.US_ASCII);
		assertThat(read(framing, first, 0, first.length)).isEmpty();
		assertThat(framing.extensionBytes()).as(";abc=def").isEqualTo(8);
		byte[] rest = "0\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(read(framing, rest, 0, rest.length)).isEmpty();
		assertThat(framing.extensionBytes()).as("framed whole, not yet decoded past").isEqualTo(8);
		framing.nextRequestDecoded();
		assertThat(framing.extensionBytes()).as("the next request's").isZero();
	}

	private static void assertFoundAtSomeSplits(Supplier<RequestFraming> framings, byte[] bytes,
			@Nullable String refusal) {
		String expected = (refusal != null) ? refusal : "";
		for (int split : new int[] { 0, 1, bytes.length / 3, bytes.length / 2, bytes.length - 1 }) {
			RequestFraming framing = framings.get();
			String found = read(framing, bytes, 0, split);
			if (found.isEmpty()) {
				found = read(framing, bytes, split, bytes.length);
			}
			assertThat(found).as("split at %d", split).isEqualTo(expected);
		}
	}

	private static byte[] unescape(String text) {
		return text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static String decode(RequestFraming framing, byte[] bytes, int from, int to) {
		ByteBuf buffer = Unpooled.copiedBuffer(bytes, from, to - from);
		assertThat(framing.read(buffer)).isNull();
		ByteBuf decoded = framing.decoding(buffer);
		try {
			return decoded.toString(StandardCharsets.US_ASCII);
		}
		finally {
			decoded.release();
		}
	}

	private static String read(RequestFraming framing, byte[] bytes, int from, int to) {
		ByteBuf buffer = Unpooled.wrappedBuffer(bytes, from, to - from);
		try {
			Refusal refusal = framing.read(buffer);
			return (refusal != null) ? refusal.id() : "";
		}
		finally {
			buffer.release();
		}
	}

}
