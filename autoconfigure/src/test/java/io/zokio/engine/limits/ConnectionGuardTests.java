package io.zokio.engine.limits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zokio.engine.pipeline.HttpProtocol;
import io.zokio.engine.pipeline.Refusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionGuardTests {

	private static final ConnectionLimits LIMITS = new ConnectionLimits(10, Duration.ofSeconds(1),
			Duration.ofSeconds(1), Duration.ofSeconds(1), 1024);

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			plain header section                | GET / HTTP/1.1\\r\\nHost: a\\r\\nAccept: */*\\r\\n\\r\\n                | false
			line folded with a space            | GET / HTTP/1.1\\r\\nHost: a\\r\\nX-Folded: one\\r\\n two\\r\\n\\r\\n    | true
			line folded with a tab              | GET / HTTP/1.1\\r\\nHost: a\\r\\nX-Folded: one\\r\\n\\ttwo\\r\\n\\r\\n  | true
			bare line feeds                     | GET / HTTP/1.1\\nHost: a\\nX-Folded: one\\n two\\n\\n                 | true
			space after the header section      | POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5\\r\\n\\r\\n\\n abc | false
			""")
	void findsObsoleteLineFoldingWhereverTheReadsSplitTheHeaderSection(String description, String request,
			boolean folded) {
		byte[] bytes = request.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t")
			.getBytes(StandardCharsets.US_ASCII);
		for (int split = 0; split <= bytes.length; split++) {
			EmbeddedChannel channel = new EmbeddedChannel();
			ConnectionGuard guard = new ConnectionGuard(channel, GuardSettings.of(LIMITS), new ServerConnections(10));
			guard.protocolSelected(HttpProtocol.HTTP_1_1, false);
			boolean found = read(guard, bytes, 0, split) || read(guard, bytes, split, bytes.length);
			assertThat(found).as("split at %d", split).isEqualTo(folded);
			channel.finishAndReleaseAll();
		}
	}

	private static boolean read(ConnectionGuard guard, byte[] bytes, int from, int to) {
		ByteBuf buffer = Unpooled.wrappedBuffer(bytes, from, to - from);
		try {
			return guard.bytesRead(buffer) == Refusal.BAD_REQUEST;
		}
		finally {
			buffer.release();
		}
	}

}
