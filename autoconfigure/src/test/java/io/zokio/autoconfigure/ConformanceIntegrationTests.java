package io.zokio.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsSnapshot;
import io.zokio.engine.stats.StatusClass;
import io.zokio.test.Layout;
import io.zokio.test.RawHttp2Connection;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestApplication;
import io.zokio.test.TestResources;
import io.zokio.test.TestServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP/1.1 conformance: one vector per rule of RFC 9112 and RFC 9110 that a server can check,
 * named after its section, sent to a real server on every transport and HTTP/1.1 layout. A request
 * that breaks a rule gets the status the RFC names, {@code Connection: close} and a close, and is
 * counted once under its rule class (Zokio's refusals) or as a decode error (the rules Netty's
 * decoder enforces); a valid request in any of its forms is served and its connection kept. One
 * server per transport and layout serves every vector, and each test asserts on what the server's
 * counters gained.
 */
class ConformanceIntegrationTests {

	private static final Duration SETTLE = Duration.ofSeconds(10);

	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private static final String DECODER = "decoder";

	private static final String CHUNKED = "POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";

	private static final List<Layout> HTTP_1_1_LAYOUTS = List.of(Layout.HTTP_1_1, Layout.HTTP_1_1_TLS,
			Layout.HTTP_1_1_H2C_SERVER, Layout.HTTP_1_1_ALPN);

	private static final List<Vector> REFUSED = List.of(
			Vector.of("RFC 9112 §2.2", "whitespace before the first field line",
					"GET /plaintext HTTP/1.1\r\n Host: a\r\n\r\n", 400, Refusal.LINE_FOLDING.id()),
			Vector.of("RFC 9112 §2.2", "bare CR in a field value", "GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: a\rb\r\n\r\n",
					400, DECODER),
			Vector.of("RFC 9112 §2.3", "lower-case HTTP-name", "GET /plaintext http/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.VERSION.id()),
			Vector.of("RFC 9112 §2.3, RFC 9110 §6.2", "major version 1, minor version 2",
					"GET /plaintext HTTP/1.2\r\nHost: a\r\n\r\n", 505, Refusal.VERSION_NOT_SUPPORTED.id()),
			Vector.of("RFC 9112 §3", "request line of 9,000 octets",
					"GET /plaintext?q=" + "a".repeat(8970) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414, DECODER),
			Vector.of("RFC 9112 §3.2", "missing Host", "GET /plaintext HTTP/1.1\r\n\r\n", 400, Refusal.HOST.id()),
			Vector.of("RFC 9112 §3.2", "two Host fields", "GET /plaintext HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400,
					Refusal.HOST.id()),
			Vector.of("RFC 9112 §3.2", "empty Host", "GET /plaintext HTTP/1.1\r\nHost:\r\n\r\n", 400, Refusal.HOST.id()),
			Vector.of("RFC 9112 §3.2, RFC 3986 §3.2.2", "Host with a path", "GET /plaintext HTTP/1.1\r\nHost: a/b\r\n\r\n",
					400, Refusal.HOST.id()),
			Vector.of("RFC 9110 §4.2.4", "Host with user information",
					"GET /plaintext HTTP/1.1\r\nHost: user@example.com\r\n\r\n", 400, Refusal.HOST.id()),
			Vector.of("RFC 9112 §3.2", "NUL in the target", "GET /plain\u0000text HTTP/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.TARGET.id()),
			Vector.of("RFC 9112 §3.2", "raw byte above 0x7E in the target", "GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.TARGET.id()),
			Vector.of("RFC 9112 §3.2", "target in no form", "GET plaintext HTTP/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.TARGET.id()),
			Vector.of("RFC 9112 §3.2.3", "authority-form without CONNECT", "GET a:443 HTTP/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.TARGET.id()),
			Vector.of("RFC 9112 §3.2.4", "asterisk-form without OPTIONS", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.TARGET.id()),
			Vector.of("RFC 9110 §9.3.6", "CONNECT to an origin server", "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n",
					501, Refusal.NOT_IMPLEMENTED.id()),
			Vector.of("RFC 9112 §5", "field section over the limit",
					"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: " + "a".repeat(20_000) + "\r\n\r\n", 431, DECODER),
			Vector.of("RFC 9112 §5.1", "whitespace before the colon", "GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A : b\r\n\r\n",
					400, DECODER),
			Vector.of("RFC 9110 §5.1", "field name that is not a token",
					"GET /plaintext HTTP/1.1\r\nHost: a\r\nX(A): b\r\n\r\n", 400, DECODER),
			Vector.of("RFC 9110 §5.5", "NUL in a field value", "GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: a\u0000b\r\n\r\n",
					400, DECODER),
			Vector.of("RFC 9112 §5.2", "obsolete line folding",
					"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n", 400, Refusal.LINE_FOLDING.id()),
			Vector.of("RFC 9112 §6.1", "transfer coding other than chunked",
					"POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501,
					Refusal.NOT_IMPLEMENTED.id()),
			Vector.of("RFC 9112 §6.1", "chunked applied twice",
					"POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400, DECODER),
			Vector.of("RFC 9112 §6.1", "Transfer-Encoding in HTTP/1.0",
					"POST /size HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, DECODER),
			Vector.of("RFC 9112 §6.3", "Content-Length and Transfer-Encoding",
					"POST /size HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
					DECODER),
			Vector.of("RFC 9112 §6.3, RFC 9110 §8.6", "Content-Length that is not a number",
					"POST /size HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", 400, DECODER),
			Vector.of("RFC 9112 §6.3", "two different Content-Length values",
					"POST /size HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400, DECODER),
			Vector.of("RFC 9112 §7.1", "chunk size that is not hexadecimal", CHUNKED + "5\r\nhello\r\nZZ\r\nabc\r\n0\r\n\r\n",
					400, Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1", "chunk longer than its size", CHUNKED + "3\r\nhello\r\n0\r\n\r\n", 400,
					Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1", "chunk size over 31 bits", CHUNKED + "100000000\r\nhello\r\n0\r\n\r\n", 400,
					Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1.1", "empty chunk extension", CHUNKED + "5;\r\nhello\r\n0\r\n\r\n", 400,
					Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1.1", "chunk extension name that is not a token",
					CHUNKED + "5;a b\r\nhello\r\n0\r\n\r\n", 400, Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1.1", "chunk size line of 9,000 octets",
					CHUNKED + "5;x=" + "a".repeat(9000) + "\r\nhello\r\n0\r\n\r\n", 400, Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1.1", "chunk extensions past 16 KiB over one request",
					CHUNKED + ("1;" + "e".repeat(2047) + "\r\nx\r\n").repeat(8) + "1;", 413,
					Refusal.CONTENT_TOO_LARGE.id()),
			Vector.of("RFC 9112 §7.1.2, §5.2", "folded trailer field", CHUNKED + "5\r\nhello\r\n0\r\nX-T: a\r\n b\r\n\r\n",
					400, Refusal.LINE_FOLDING.id()));

	private static final List<Vector> SERVED = List.of(
			Vector.of("RFC 9112 §2.2", "empty line before the request line", "\r\nGET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n",
					200, null),
			Vector.of("RFC 9112 §3", "request line of 8,000 octets",
					"GET /plaintext?q=" + "a".repeat(7970) + " HTTP/1.1\r\nHost: a\r\n\r\n", 200, null),
			Vector.closing("RFC 9112 §3.2, §9.3", "HTTP/1.0 without Host", "GET /plaintext HTTP/1.0\r\n\r\n"),
			Vector.of("RFC 9112 §3.2.2", "absolute-form", "GET http://a/plaintext HTTP/1.1\r\nHost: a\r\n\r\n", 200, null),
			Vector.of("RFC 9112 §3.2.4, RFC 9110 §9.3.7", "OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", 200, null),
			Vector.of("RFC 9110 §5.5", "obs-text in a field value",
					"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: caf\u00e9\r\n\r\n", 200, null),
			Vector.of("RFC 9112 §7.1.1", "chunk extensions", CHUNKED + "5 ; a ; b=c;d=\"e \\\" f\"\r\nhello\r\n0;z\r\n\r\n",
					200, "5"),
			Vector.of("RFC 9112 §7.1.1", "chunk size line of 8,000 octets",
					CHUNKED + "5;x=" + "a".repeat(7990) + "\r\nhello\r\n0\r\n\r\n", 200, "5"),
			Vector.of("RFC 9112 §7.1.2", "trailer fields", CHUNKED + "5\r\nhello\r\n0\r\nX-T: a\r\nX-U: b\r\n\r\n", 200,
					"5"));

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

	static Stream<Arguments> refused() {
		return vectors(REFUSED);
	}

	static Stream<Arguments> served() {
		return vectors(SERVED);
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
			.isEqualTo(DECODER.equals(vector.outcome()) ? 1 : 0);
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

	/**
	 * One conformance vector.
	 * @param rule the sections of the RFCs it checks
	 * @param name what it sends
	 * @param request the bytes, one character per byte
	 * @param status the status expected
	 * @param outcome for a refused request, the id of the refusal it is counted under or
	 * {@code decoder}; for a served one, the body expected, if any
	 * @param persistent whether the connection stays open after a served request
	 */
	record Vector(String rule, String name, String request, int status, @Nullable String outcome, boolean persistent) {

		static Vector of(String rule, String name, String request, int status, @Nullable String outcome) {
			return new Vector(rule, name, request, status, outcome, status < 400);
		}

		static Vector closing(String rule, String name, String request) {
			return new Vector(rule, name, request, 200, null, false);
		}

		@Override
		public String toString() {
			return this.rule + " " + this.name;
		}

	}

}
