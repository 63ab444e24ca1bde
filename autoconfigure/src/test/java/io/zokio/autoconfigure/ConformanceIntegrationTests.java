package io.zokio.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsSnapshot;
import io.zokio.engine.stats.StatusClass;
import io.zokio.test.ConformanceVectors;
import io.zokio.test.ConformanceVectors.Vector;
import io.zokio.test.Layout;
import io.zokio.test.RawHttp2Connection;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestApplication;
import io.zokio.test.TestResources;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP/1.1 conformance on real servers: on every transport and HTTP/1.1 layout, one vector per way a
 * refusal is counted and answered ({@link ConformanceVectors}), the served forms that depend on the
 * server's own settings, and {@code OPTIONS *} among pipelined requests and on HTTP/2 streams; every
 * other vector once, on epoll and plain HTTP/1.1 (each vector, split at every byte, also runs on the
 * seats in {@code ConformanceTests}). A request that
 * breaks a rule gets the status the RFC names, {@code Connection: close} and a close, and is counted
 * once under its rule class or as a decode error. One server per transport and layout serves every
 * vector, and each test asserts on what the server's counters gained.
 */
class ConformanceIntegrationTests {

	private static final Duration SETTLE = Duration.ofSeconds(10);

	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private static final List<Layout> HTTP_1_1_LAYOUTS = List.of(Layout.HTTP_1_1, Layout.HTTP_1_1_TLS,
			Layout.HTTP_1_1_H2C_SERVER, Layout.HTTP_1_1_ALPN);

	/**
	 * The served vectors that depend on the server's own settings: the request line limit Zokio
	 * raises, a close Reactor Netty makes, the target form and the chunked body WebFlux reads.
	 */
	private static final Set<String> SERVED_ON_SERVERS = Set.of("request line of 8,000 octets",
			"HTTP/1.0 without Host", "absolute-form", "chunk extensions");

		private static final Map<String, TestServer> SERVERS = new HashMap<>();

	private static final TestResources RESOURCES = new TestResources();

	@AfterEach
	void openGate() {
		TestApplication.openGate();
	}

	@AfterAll
	static void closeServers() throws Exception {
		RESOURCES.close();
		SERVERS.clear();
	}

	/**
	 * Return one refused vector per way a refusal is counted and answered (each of Zokio's refusals,
	 * and each status Reactor Netty writes for a decoder failure) on every transport and layout, and
	 * every other vector once, on epoll and plain HTTP/1.1.
	 */
	static Stream<Arguments> refused() {
		Map<String, Vector> firsts = new LinkedHashMap<>();
		for (Vector vector : ConformanceVectors.REFUSED) {
			firsts.putIfAbsent(vector.outcome() + " " + vector.status(), vector);
		}
		return Stream.concat(vectors(List.copyOf(firsts.values())),
				once(ConformanceVectors.REFUSED.stream().filter((vector) -> !firsts.containsValue(vector)).toList()));
	}

	static Stream<Arguments> served() {
		return Stream.concat(
				vectors(ConformanceVectors.SERVED.stream()
					.filter((vector) -> SERVED_ON_SERVERS.contains(vector.name()))
					.toList()),
				once(ConformanceVectors.SERVED.stream()
					.filter((vector) -> !SERVED_ON_SERVERS.contains(vector.name()))
					.toList()));
	}

	private static Stream<Arguments> once(List<Vector> vectors) {
		return vectors.stream()
			.map((vector) -> Arguments.of(ServerTransport.EPOLL, Layout.HTTP_1_1, vector.rule(), vector.name(), vector));
	}

	private static Stream<Arguments> vectors(List<Vector> vectors) {
		List<Arguments> arguments = new ArrayList<>();
		for (ServerTransport transport : ServerTransport.values()) {
			for (Layout layout : HTTP_1_1_LAYOUTS) {
				for (Vector vector : vectors) {
					arguments.add(Arguments.of(transport, layout, vector.rule(), vector.name(), vector));
				}
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} {1}: {2} {3}")
	@MethodSource("refused")
	void refusesWithTheStatusTheRfcNamesCountsAndCloses(ServerTransport transport, Layout layout, String rule,
			String name, Vector vector) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		StatisticsSnapshot before = statistics.snapshot();
		try (RawHttpConnection connection = http11(server, layout)) {
			assertThat(answer(connection, vector).headers()).containsEntry("connection", "close");
			assertThat(connection.isClosedByServer()).isTrue();
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		StatisticsSnapshot after = statistics.snapshot();
		assertThat(gained(before, after, (snapshot) -> snapshot.responses().get(StatusClass.of(vector.status()))))
			.isOne();
		assertThat(gained(before, after, (snapshot) -> snapshot.closedBy().get(CloseReason.SERVER)
				+ snapshot.closedBy().get(CloseReason.ERROR))).isOne();
		assertThat(gained(before, after, StatisticsSnapshot::decodeErrors))
			.isEqualTo(ConformanceVectors.DECODER.equals(vector.outcome()) ? 1 : 0);
		for (Refusal refusal : Refusal.values()) {
			assertThat(gained(before, after, (snapshot) -> snapshot.refused().get(refusal))).as(refusal.id())
				.isEqualTo(refusal.id().equals(vector.outcome()) ? 1 : 0);
		}
	}

	@ParameterizedTest(name = "{0} {1}: {2} {3}")
	@MethodSource("served")
	void servesEveryValidFormAndKeepsAPersistentConnection(ServerTransport transport, Layout layout, String rule,
			String name, Vector vector) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		StatisticsSnapshot before = statistics.snapshot();
		try (RawHttpConnection connection = http11(server, layout)) {
			RawHttpConnection.Response response = answer(connection, vector);
			if (vector.outcome() != null) {
				assertThat(response.body()).isEqualTo(vector.outcome());
			}
			if (vector.persistent()) {
				assertThat(response.headers()).doesNotContainEntry("connection", "close");
				assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			}
			else {
				assertThat(connection.isClosedByServer()).isTrue();
			}
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		StatisticsSnapshot after = statistics.snapshot();
		int requests = vector.persistent() ? 2 : 1;
		assertThat(gained(before, after, StatisticsSnapshot::requests)).isEqualTo(requests);
		assertThat(gained(before, after, (snapshot) -> snapshot.responses().get(StatusClass.SUCCESS)))
			.isEqualTo(requests);
		assertThat(gained(before, after, (snapshot) -> sum(snapshot.refused().values()))).isZero();
		assertThat(gained(before, after, StatisticsSnapshot::decodeErrors)).isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http11Layouts")
	void answersOptionsAsteriskItselfInItsTurnAmongPipelinedRequests(ServerTransport transport, Layout layout)
			throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		StatisticsSnapshot before = statistics.snapshot();
		TestApplication.closeGate();
		try (RawHttpConnection connection = http11(server, layout)) {
			connection.send("GET /gate HTTP/1.1\r\nHost: a\r\n\r\nOPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"
					+ "GET /bytes?size=7 HTTP/1.1\r\nHost: a\r\n\r\n");
			await().atMost(SETTLE).until(() -> statistics.count(ConnectionState.PROCESSING) == 1);
			TestApplication.openGate();
			RawHttpConnection.Response gate = connection.readResponse();
			RawHttpConnection.Response options = connection.readResponse();
			RawHttpConnection.Response bytes = connection.readResponse();
			assertThat(gate.body()).isEqualTo("opened");
			assertThat(options.status()).isEqualTo(200);
			assertThat(options.headers()).containsEntry("content-length", "0");
			assertThat(bytes.body()).hasSize(7);
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		StatisticsSnapshot after = statistics.snapshot();
		assertThat(gained(before, after, StatisticsSnapshot::requests)).isEqualTo(3);
		assertThat(gained(before, after, (snapshot) -> snapshot.responses().get(StatusClass.SUCCESS))).isEqualTo(3);
		assertThat(after.inFlight()).isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http2Layouts")
	void answersOptionsAsteriskOnAnHttp2Stream(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		StatisticsSnapshot before = statistics.snapshot();
		boolean upgraded;
		try (RawHttp2Connection connection = new RawHttp2Connection(layout, server.port(), "/plaintext",
				READ_TIMEOUT_MILLIS)) {
			int stream = connection.request("OPTIONS", "*", -1, true, true);
			RawHttp2Connection.Response options = connection.readResponse(stream);
			assertThat(options.status()).isEqualTo(200);
			assertThat(options.body()).isEmpty();
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			upgraded = connection.upgradeResponse() != null;
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		StatisticsSnapshot after = statistics.snapshot();
		assertThat(gained(before, after, (snapshot) -> snapshot.responses().get(StatusClass.SUCCESS)))
			.isEqualTo(upgraded ? 3 : 2);
		assertThat(gained(before, after, (snapshot) -> sum(snapshot.refused().values()))).isZero();
		assertThat(after.inFlight()).isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http2Layouts")
	void resetsAnHttp2StreamWithAMalformedFieldAndCountsItAsADecodeError(ServerTransport transport, Layout layout)
			throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		StatisticsSnapshot before = statistics.snapshot();
		boolean upgraded;
		try (RawHttp2Connection connection = new RawHttp2Connection(layout, server.port(), "/plaintext",
				READ_TIMEOUT_MILLIS)) {
			int stream = connection.request("GET", "/plaintext", -1, true, true, Map.of("Bad", "x"));
			assertThat(connection.readResponse(stream).reset()).as("RFC 9113, section 8.2.1").isTrue();
			assertThat(connection.get("/plaintext").status()).as("the connection goes on").isEqualTo(200);
			upgraded = connection.upgradeResponse() != null;
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		StatisticsSnapshot after = statistics.snapshot();
		assertThat(gained(before, after, StatisticsSnapshot::decodeErrors)).isOne();
		assertThat(gained(before, after, StatisticsSnapshot::requests)).isEqualTo(upgraded ? 3 : 2);
		assertThat(after.inFlight()).isZero();
	}

	static Stream<Arguments> http11Layouts() {
		return ServerTransport.onEvery(HTTP_1_1_LAYOUTS);
	}

	static Stream<Arguments> http2Layouts() {
		return ServerTransport.onEvery(List.of(Layout.H2_ALPN, Layout.H2C_PRIOR_KNOWLEDGE, Layout.H2C_UPGRADE));
	}

	/**
	 * Return the server of a transport and layout, started by the first test that needs it: each
	 * test leaves it with no connection open, and asserts on what its counters gained.
	 */
	private static TestServer start(ServerTransport transport, Layout layout) {
		return SERVERS.computeIfAbsent(transport + " " + layout,
				(key) -> RESOURCES.add(transport.start(layout.serverArgs().toArray(String[]::new))));
	}

	private static RawHttpConnection http11(TestServer server, Layout layout) throws IOException {
		return new RawHttpConnection(layout.connect(server.port()), READ_TIMEOUT_MILLIS);
	}

	private static RawHttpConnection.Response answer(RawHttpConnection connection, Vector vector) throws IOException {
		connection.send(vector.request());
		RawHttpConnection.Response response = connection.readResponse();
		assertThat(response.status()).isEqualTo(vector.status());
		assertThat(response.headers()).containsKey("date");
		return response;
	}

	private static long gained(StatisticsSnapshot before, StatisticsSnapshot after,
			ToLongFunction<StatisticsSnapshot> counter) {
		return counter.applyAsLong(after) - counter.applyAsLong(before);
	}

	private static long sum(Collection<Long> counts) {
		return counts.stream().mapToLong(Long::longValue).sum();
	}

	private static ConnectionStatistics statistics(TestServer server) {
		return server.context().getBean(ConnectionStatistics.class);
	}

}
