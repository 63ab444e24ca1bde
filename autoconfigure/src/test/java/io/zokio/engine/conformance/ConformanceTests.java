package io.zokio.engine.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatusClass;
import io.zokio.test.ConformanceVectors;
import io.zokio.test.ConformanceVectors.Vector;
import io.zokio.test.EmbeddedConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP/1.1 conformance vector through Zokio's seats and participants on an
 * {@link EmbeddedConnection}, sent whole, one byte per read, and split in two at every byte (of a
 * request over {@value #EVERY_BYTE} bytes, at every byte of its first and last
 * {@value #EDGE} and every {@value #STRIDE}th between them, so that each split lands on every
 * offset of the repeated filler): a
 * request that breaks one of Zokio's rules gets the status the RFC names, {@code Connection: close}
 * and a close, and is counted once under its rule; one that breaks a rule of Netty's decoder is left
 * to the decoder and counted as a decode error; a valid request is served and its connection kept
 * wherever the bytes are split. The statuses Reactor Netty writes for decoder failures are the
 * servers' to show ({@code ConformanceIntegrationTests}).
 */
class ConformanceTests {

	private static final int EVERY_BYTE = 1024;

	private static final int EDGE = 512;

	private static final int STRIDE = 61;

	static Stream<Arguments> refused() {
		return splits(ConformanceVectors.REFUSED);
	}

	static Stream<Arguments> served() {
		return splits(ConformanceVectors.SERVED);
	}

	private static Stream<Arguments> splits(List<Vector> vectors) {
		return vectors.stream().map((vector) -> Arguments.of(vector.rule(), vector.name(), vector));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("refused")
	void refusesWheneverTheBytesArriveCountsAndCloses(String rule, String name, Vector vector) {
		whateverTheSplit(vector, (connection, split) -> {
			ConnectionStatistics statistics = connection.statistics();
			List<EmbeddedConnection.Response> responses = connection.responses();
			assertThat(responses).as(split).hasSize(1);
			assertThat(connection.isOpen()).as(split).isFalse();
			assertThat(statistics.count(Count.DECODE_ERRORS)).as(split)
				.isEqualTo(ConformanceVectors.DECODER.equals(vector.outcome()) ? 1 : 0);
			for (Refusal refusal : Refusal.values()) {
				assertThat(statistics.count(refusal)).as(split + ": " + refusal.id())
					.isEqualTo(refusal.id().equals(vector.outcome()) ? 1 : 0);
			}
			if (!ConformanceVectors.DECODER.equals(vector.outcome())) {
				assertThat(responses.get(0).status()).as(split).isEqualTo(vector.status());
				assertThat(responses.get(0).headers()).as(split).containsEntry("connection", "close").containsKey("date");
				assertThat(statistics.count(StatusClass.of(vector.status()))).as(split).isOne();
			}
			assertThat(statistics.count(CloseReason.SERVER) + statistics.count(CloseReason.ERROR)).as(split).isOne();
		});
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("served")
	void servesEveryValidFormWheneverTheBytesArrive(String rule, String name, Vector vector) {
		whateverTheSplit(vector, (connection, split) -> {
			ConnectionStatistics statistics = connection.statistics();
			if (vector.persistent()) {
				connection.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
			}
			List<EmbeddedConnection.Response> responses = connection.responses();
			int requests = vector.persistent() ? 2 : 1;
			assertThat(responses).as(split).hasSize(requests);
			assertThat(responses).as(split).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
			if (vector.outcome() != null) {
				assertThat(responses.get(0).body()).as(split).isEqualTo(vector.outcome());
			}
			assertThat(connection.isOpen()).as(split).isEqualTo(vector.persistent());
			assertThat(statistics.count(Count.REQUESTS)).as(split).isEqualTo(requests);
			assertThat(statistics.count(StatusClass.SUCCESS)).as(split).isEqualTo(requests);
			assertThat(Stream.of(Refusal.values()).mapToLong(statistics::count).sum()).as(split).isZero();
			assertThat(statistics.count(Count.DECODE_ERRORS)).as(split).isZero();
		});
	}

	@ParameterizedTest(name = "{0} bytes of extensions beside 60 of body")
	@CsvSource({ "40, 200", "41, 413" })
	void countsChunkExtensionsTowardTheBodyLimit(int extensionBytes, int status) {
		ConnectionStatistics statistics = new ConnectionStatistics(Duration.ofSeconds(60));
		String extension = ";" + "e".repeat(extensionBytes - 1);
		try (EmbeddedConnection connection = new EmbeddedConnection(statistics, 100)) {
			connection.send("POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ "3c" + extension + "\r\n" + "b".repeat(60) + "\r\n0\r\n\r\n");
			assertThat(connection.responses()).singleElement()
				.satisfies((response) -> assertThat(response.status()).isEqualTo(status));
			assertThat(statistics.count(Refusal.CONTENT_TOO_LARGE)).isEqualTo((status == 413) ? 1 : 0);
		}
	}

	/**
	 * Send a vector in each of its {@link #splits} on a connection of its own, and check what the
	 * connection did.
	 */
	private static void whateverTheSplit(Vector vector, BiConsumer<EmbeddedConnection, String> check) {
		for (String[] pieces : splits(vector.request())) {
			try (EmbeddedConnection connection = new EmbeddedConnection(new ConnectionStatistics(Duration.ofSeconds(60)))) {
				connection.send(pieces);
				check.accept(connection, "split at " + pieces[0].length() + " of " + pieces.length + " pieces");
			}
		}
	}

	/**
	 * Return the ways to send a request: whole, one byte per read, and in two pieces.
	 */
	private static List<String[]> splits(String request) {
		List<String[]> splits = new ArrayList<>();
		splits.add(new String[] { request });
		IntFunction<String> bytes = (i) -> request.substring(i, i + 1);
		String[] single = new String[request.length()];
		for (int i = 0; i < single.length; i++) {
			single[i] = bytes.apply(i);
		}
		splits.add(single);
		int length = request.length();
		for (int at = 1; at < length; at++) {
			boolean edge = length <= EVERY_BYTE || at < EDGE || at > length - EDGE;
			if (edge || at % STRIDE == 0) {
				splits.add(new String[] { request.substring(0, at), request.substring(at) });
			}
		}
		return splits;
	}

}
