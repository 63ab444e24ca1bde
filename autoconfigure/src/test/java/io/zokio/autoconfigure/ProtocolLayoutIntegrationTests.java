package io.zokio.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.overload.ConcurrencyLimit;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.TlsFailure;
import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatisticsSnapshot;
import io.zokio.engine.stats.StatusClass;
import io.zokio.test.Layout;
import io.zokio.test.RawHttp2Connection;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.SlowPeer;
import io.zokio.test.TestApplication;
import io.zokio.test.TestResources;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Every guard and counter on every protocol layout Reactor Netty builds (HTTP/1.1 in cleartext and
 * over TLS, HTTP/1.1 on servers with HTTP/2 on, h2c and TLS with ALPN, HTTP/2 over TLS, h2c with
 * prior knowledge and h2c by {@code Upgrade}) and on every transport (io_uring, epoll, NIO; one the
 * host lacks is skipped with the reason), each against a real server with real sockets.
 */
class ProtocolLayoutIntegrationTests {

	private static final long LARGE_RESPONSE = 256L * 1024 * 1024;

	private static final Duration HEADER_TIMEOUT = Duration.ofMillis(600);

	private static final Duration IDLE_TIMEOUT = Duration.ofMillis(2500);

	/**
	 * The idle timeout of the test that waits for it: nothing else happens on its connections.
	 */
	private static final Duration SHORT_IDLE_TIMEOUT = Duration.ofMillis(1000);

	private static final Duration SETTLE = Duration.ofSeconds(10);

	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private static final int MAX_CONCURRENT_STREAMS = 0x3;

	private static final long EVENT_INTERVAL_MILLIS = 200;

	private static final String EVENTS = "/events?count=3&ms=" + EVENT_INTERVAL_MILLIS;

	private static final int MAX_HEADER_LIST_SIZE = 0x6;

	private static final List<Layout> HTTP_1_1_LAYOUTS = List.of(Layout.HTTP_1_1, Layout.HTTP_1_1_TLS,
			Layout.HTTP_1_1_H2C_SERVER, Layout.HTTP_1_1_ALPN);

	private final TestResources resources = new TestResources();

	@AfterEach
	void closeResources() throws Exception {
		TestApplication.openGate();
		this.resources.close();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allLayouts")
	void countsEveryRequestConnectionAndByteExactly(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		int connections = 3;
		int requests = 4;
		long sent = 0;
		long received = 0;
		for (int c = 0; c < connections; c++) {
			long[] traffic = layout.http2() ? http2Exchanges(server, layout, requests)
					: http11Exchanges(server, layout, requests);
			await().atMost(SETTLE).until(() -> statistics.count(ConnectionState.IDLE) == 0);
			sent += traffic[0];
			received += traffic[1];
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		StatisticsSnapshot snapshot = statistics.snapshot();
		assertThat(snapshot.accepted()).isEqualTo(connections);
		assertThat(snapshot.closedBy().get(CloseReason.CLIENT)).isEqualTo(connections);
		assertThat(snapshot.requests()).isEqualTo(connections * (requests + 1));
		assertThat(snapshot.responses().get(StatusClass.SUCCESS)).isEqualTo(connections * requests);
		assertThat(snapshot.responses().get(StatusClass.CLIENT_ERROR)).isEqualTo(connections);
		assertThat(snapshot.responses().get(StatusClass.INFORMATIONAL)).isZero();
		assertThat(snapshot.inFlight()).isZero();
		assertThat(snapshot.latencySinceStart().count()).isEqualTo(connections * (requests + 1));
		assertThat(snapshot.bytesRead()).isEqualTo(sent);
		if (layout.http2()) {
			assertThat(snapshot.bytesWritten()).as("with frames the client did not wait for").isGreaterThanOrEqualTo(received);
		}
		else {
			assertThat(snapshot.bytesWritten()).isEqualTo(received);
		}
		assertThat(snapshot.tls().handshakes()).isEqualTo(layout.tls() ? connections : 0);
		assertThat(snapshot.tls().failed()).isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allLayouts")
	void keepsEventStreamsOutOfTheLatencyAndTimesEveryResponseHead(ServerTransport transport, Layout layout)
			throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		int exchanges = 2;
		if (layout.http2()) {
			try (RawHttp2Connection connection = http2(server, layout)) {
				exchanges += (connection.upgradeResponse() != null) ? 1 : 0;
				assertThat(connection.get(EVENTS).body()).contains("data:event 0", "data:event 2");
				assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			}
		}
		else {
			try (RawHttpConnection connection = http11(server, layout)) {
				assertThat(connection.get(EVENTS).body()).contains("data:event 0", "data:event 2");
				assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			}
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		StatisticsSnapshot snapshot = statistics.snapshot();
		assertThat(snapshot.streams().count()).isOne();
		assertThat(snapshot.streams().active()).isZero();
		assertThat(snapshot.streams().durationMicros()).as("three events %s ms apart", EVENT_INTERVAL_MILLIS)
			.isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toMicros(3 * EVENT_INTERVAL_MILLIS));
		assertThat(snapshot.latencySinceStart().count()).isEqualTo(exchanges - 1);
		assertThat(snapshot.headSinceStart().count()).isEqualTo(exchanges);
		assertThat(snapshot.inFlight()).isZero();
	}

	private long[] http11Exchanges(TestServer server, Layout layout, int requests) throws Exception {
		ConnectionStatistics statistics = statistics(server);
		try (RawHttpConnection connection = http11(server, layout)) {
			for (int r = 0; r < requests; r++) {
				assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			}
			assertThat(connection.get("/missing").status()).isEqualTo(404);
			await().atMost(SETTLE).until(() -> statistics.count(ConnectionState.IDLE) == 1);
			return new long[] { connection.bytesSent(), connection.bytesReceived() };
		}
	}

	private long[] http2Exchanges(TestServer server, Layout layout, int requests) throws Exception {
		ConnectionStatistics statistics = statistics(server);
		try (RawHttp2Connection connection = http2(server, layout)) {
			int answered = 0;
			if (connection.upgradeResponse() != null) {
				assertThat(connection.upgradeResponse().status()).isEqualTo(200);
				answered++;
			}
			for (; answered < requests; answered++) {
				assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			}
			assertThat(connection.get("/missing").status()).isEqualTo(404);
			await().atMost(SETTLE).until(() -> statistics.count(ConnectionState.IDLE) == 1);
			return new long[] { connection.bytesSent(), connection.bytesReceived() };
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allLayouts")
	void showsAConnectionProcessingWhileItsRequestIsServed(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		TestApplication.closeGate();
		if (layout.http2()) {
			RawHttp2Connection connection = this.resources.add(http2(server, layout));
			int stream = connection.request("GET", "/gate", -1, true, true);
			await().atMost(SETTLE).until(() -> statistics.count(ConnectionState.PROCESSING) == 1);
			TestApplication.openGate();
			assertThat(connection.readResponse(stream).status()).isEqualTo(200);
		}
		else {
			RawHttpConnection connection = this.resources.add(http11(server, layout));
			connection.send("GET /gate HTTP/1.1\r\nHost: a\r\n\r\n");
			await().atMost(SETTLE).until(() -> statistics.count(ConnectionState.PROCESSING) == 1);
			TestApplication.openGate();
			assertThat(connection.readResponse().status()).isEqualTo(200);
		}
		await().atMost(SETTLE).until(() -> statistics.count(ConnectionState.IDLE) == 1);
		assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
	}

	static Stream<Arguments> malformedHttp11Requests() {
		List<Arguments> arguments = new ArrayList<>();
		for (ServerTransport transport : ServerTransport.values()) {
			for (Layout layout : HTTP_1_1_LAYOUTS) {
				arguments.add(Arguments.of(transport, layout, "declared body over the limit",
						"POST /size HTTP/1.1\r\nHost: a\r\nContent-Length: 2000\r\n\r\n", 413));
				arguments.add(Arguments.of(transport, layout, "streamed body over the limit", "POST /size HTTP/1.1\r\nHost: a\r\n"
						+ "Transfer-Encoding: chunked\r\n\r\n400\r\n" + "a".repeat(1024) + "\r\n400\r\n" + "b".repeat(1024)
						+ "\r\n0\r\n\r\n", 413));
				if (!layout.h2cServer()) {
					arguments.add(Arguments.of(transport, layout, "HTTP/2 preface with h2c off", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505));
				}
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} {1}: {2}")
	@MethodSource("malformedHttp11Requests")
	void refusesMalformedHttp11RequestsWithTheirStatusCountsAndCloses(ServerTransport transport, Layout layout,
			String name, String request, int status) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		try (RawHttpConnection connection = http11(server, layout)) {
			connection.send(request);
			RawHttpConnection.Response response = connection.readResponse();
			assertThat(response.version()).isEqualTo("HTTP/1.1");
			assertThat(response.status()).isEqualTo(status);
			assertThat(response.headers()).containsEntry("connection", "close");
			assertThat(connection.isClosedByServer()).isTrue();
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		StatisticsSnapshot snapshot = statistics.snapshot();
		assertThat(snapshot.responses().get(StatusClass.of(status))).isOne();
		assertThat(snapshot.closedBy().get(CloseReason.SERVER) + snapshot.closedBy().get(CloseReason.ERROR)).isOne();
		assertThat(snapshot.refused().values().stream().mapToLong(Long::longValue).sum() + snapshot.decodeErrors())
			.isOne();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http11Layouts")
	void cutsATrickledHttp11HeaderAtTheHeaderDeadline(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		try (RawHttpConnection connection = http11(server, layout)) {
			connection.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n");
			RawHttpConnection.Response response = connection.readResponse();
			assertThat(response.status()).isEqualTo(408);
			assertThat(connection.isClosedByServer()).isTrue();
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(CloseReason.REQUEST_TIMEOUT)).isOne();
		assertThat(statistics.count(Refusal.REQUEST_TIMEOUT)).isOne();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allLayouts")
	void closesAnIdleConnectionAsAnIdleTimeout(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout,
				"--zokio.connections.default-idle-timeout=" + SHORT_IDLE_TIMEOUT.toMillis() + "ms");
		ConnectionStatistics statistics = statistics(server);
		if (layout.http2()) {
			try (RawHttp2Connection connection = http2(server, layout)) {
				assertThat(connection.get("/plaintext").status()).isEqualTo(200);
				assertThat(connection.isClosedByServer()).isTrue();
			}
		}
		else {
			try (RawHttpConnection connection = http11(server, layout)) {
				assertThat(connection.get("/plaintext").status()).isEqualTo(200);
				assertThat(connection.isClosedByServer()).isTrue();
			}
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(CloseReason.IDLE_TIMEOUT)).as(statistics.snapshot().closedBy().toString()).isOne();
		assertThat(statistics.count(Http2Error.NO_ERROR)).isEqualTo(layout.http2() ? 1 : 0);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http2Layouts")
	void answersAndResetsAStreamWhoseBodyStallsAndKeepsTheConnection(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		try (RawHttp2Connection connection = http2(server, layout)) {
			int stream = connection.request("POST", "/size", 10, false, true);
			connection.data(stream, "abc".getBytes(), false);
			RawHttp2Connection.Response stalled = connection.readResponse(stream);
			assertThat(stalled.status()).isEqualTo(408);
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(Refusal.REQUEST_TIMEOUT)).isOne();
		assertThat(statistics.count(StatusClass.CLIENT_ERROR)).isOne();
		assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
		assertThat(statistics.count(CloseReason.CLIENT)).isOne();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allLayouts")
	void answersABodySlowerThanTheMinimumRateWith408(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout, "--zokio.connections.min-request-body-rate.bytes-per-second=200",
				"--zokio.connections.min-request-body-rate.grace-period=1s");
		ConnectionStatistics statistics = statistics(server);
		SlowPeer client = this.resources.add(new SlowPeer());
		if (layout.http2()) {
			try (RawHttp2Connection connection = http2(server, layout)) {
				int stream = connection.request("POST", "/size", 1000, false, true);
				client.trickle(() -> connection.data(stream, new byte[1], false));
				RawHttp2Connection.Response slow = connection.readResponse(stream);
				assertThat(slow.status()).isEqualTo(408);
				assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			}
		}
		else {
			try (RawHttpConnection connection = http11(server, layout)) {
				connection.send("POST /size HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n");
				client.trickle(() -> connection.send("x"));
				RawHttpConnection.Response slow = connection.readResponse();
				assertThat(slow.status()).isEqualTo(408);
				assertThat(connection.isClosedByServer()).isTrue();
			}
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(Refusal.REQUEST_BODY_RATE)).isOne();
		assertThat(statistics.count(Refusal.REQUEST_TIMEOUT)).isZero();
		assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allLayouts")
	void cutsAClientThatReadsSlowerThanTheMinimumResponseRate(ServerTransport transport, Layout layout)
			throws Exception {
		TestServer server = start(transport, layout, "--zokio.connections.min-response-rate.bytes-per-second=16000000",
				"--zokio.connections.min-response-rate.grace-period=1s");
		ConnectionStatistics statistics = statistics(server);
		SlowPeer client = this.resources.add(new SlowPeer());
		Socket socket = requestLargeResponse(server, layout);
		CompletableFuture<Long> read = client.read(socket.getInputStream(), 64 * 1024);
		assertThat(read.get(SETTLE.toSeconds(), TimeUnit.SECONDS)).isLessThan(LARGE_RESPONSE);
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(CloseReason.RESPONSE_RATE)).isOne();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allLayouts")
	void cutsAClientThatStopsReadingAfterTheWriteTimeout(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout, "--zokio.connections.write-timeout=1s",
				"--zokio.connections.min-response-rate.bytes-per-second=0");
		ConnectionStatistics statistics = statistics(server);
		requestLargeResponse(server, layout);
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(CloseReason.REQUEST_TIMEOUT)).isOne();
		assertThat(statistics.count(CloseReason.RESPONSE_RATE)).isZero();
		assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
	}

	/**
	 * Ask for a response far larger than what the socket buffers hold; on HTTP/2 with flow-control
	 * windows wide enough that only the socket holds it back.
	 */
	private Socket requestLargeResponse(TestServer server, Layout layout) throws Exception {
		String path = "/bytes?size=" + LARGE_RESPONSE;
		if (layout.http2()) {
			RawHttp2Connection connection = this.resources.add(http2(server, layout));
			connection.write(RawHttp2Connection.frame(0x4, 0, 0, new byte[] { 0, 0x4, 0x7f, -1, -1, -1 }));
			connection.write(RawHttp2Connection.frame(0x8, 0, 0, new byte[] { 0x7f, -1, 0, 0 }));
			connection.request("GET", path, -1, true, true);
			return connection.socket();
		}
		RawHttpConnection connection = this.resources.add(http11(server, layout));
		connection.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n");
		return connection.socket();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http2Layouts")
	void cutsAConnectionWhoseHeaderBlockStalls(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		try (RawHttp2Connection connection = http2(server, layout)) {
			assertThat(connection.get("/plaintext").status()).as("settings exchanged").isEqualTo(200);
			connection.request("GET", "/plaintext", -1, true, false);
			assertThat(connection.isClosedByServer()).isTrue();
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(CloseReason.REQUEST_TIMEOUT)).isOne();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http2Layouts")
	void refusesAStreamWhoseBodyIsOverTheLimit(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		try (RawHttp2Connection connection = http2(server, layout)) {
			int declared = connection.request("POST", "/size", 2000, false, true);
			assertThat(connection.readResponse(declared).status()).isEqualTo(413);
			int streamed = connection.request("POST", "/size", -1, false, true);
			connection.data(streamed, new byte[800], false);
			connection.data(streamed, new byte[800], true);
			assertThat(connection.readResponse(streamed).status()).isEqualTo(413);
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(Refusal.CONTENT_TOO_LARGE)).isEqualTo(2);
		assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http11Layouts")
	void answersEveryPipelinedRequestWhateverTheSizeOfTheReads(ServerTransport transport, Layout layout)
			throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		int requests = 1000;
		StringBuilder pipelined = new StringBuilder();
		for (int i = 0; i < requests; i++) {
			pipelined.append("GET /bytes?size=").append(i % 97).append(" HTTP/1.1\r\nHost: a\r\nX-Pad: ")
				.append("p".repeat(i % 31)).append("\r\n\r\n");
		}
		try (RawHttpConnection connection = http11(server, layout)) {
			connection.send(pipelined.toString());
			for (int i = 0; i < requests; i++) {
				RawHttpConnection.Response response = connection.readResponse();
				assertThat(response).as("response %d", i).isNotNull();
				assertThat(response.status()).as("response %d", i).isEqualTo(200);
				assertThat(response.body()).as("response %d", i).hasSize(i % 97);
			}
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(Count.REQUESTS)).isEqualTo(requests);
		assertThat(statistics.count(StatusClass.SUCCESS)).isEqualTo(requests);
		assertThat(statistics.count(CloseReason.CLIENT)).isOne();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("cleartextHttp11Layouts")
	void neverServesAConnectionOverTheLimit(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout, "--zokio.connections.max=2");
		ConnectionStatistics statistics = statistics(server);
		List<RawHttpConnection> served = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			RawHttpConnection connection = this.resources.add(http11(server, layout));
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			served.add(connection);
		}
		int overLimit = 20;
		for (int i = 0; i < overLimit; i++) {
			try (RawHttpConnection connection = http11(server, layout)) {
				connection.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
				assertThat(connection.readResponseOrClose()).as("connection %d over the limit", i).isNull();
			}
		}
		await().atMost(SETTLE).until(() -> statistics.count(CloseReason.REJECTED) == overLimit);
		for (RawHttpConnection connection : served) {
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
		}
		assertThat(statistics.count(Count.REQUESTS)).isEqualTo(4);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http2Layouts")
	void countsTheGoAwayNettySendsForARapidResetFlood(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		try (RawHttp2Connection connection = http2(server, layout)) {
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			int reset = 0;
			while (reset < 1000 && openAndReset(connection)) {
				reset++;
			}
			assertThat(reset).as("streams reset before the server closed").isGreaterThan(200);
			assertThat(connection.isClosedByServer()).isTrue();
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(Http2Error.ENHANCE_YOUR_CALM)).isOne();
		assertThat(statistics.count(CloseReason.ERROR)).isOne();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http2Layouts")
	void answersAControlFrameFloodWithEnhanceYourCalmAndServesACalmClient(ServerTransport transport, Layout layout)
			throws Exception {
		TestServer server = start(transport, layout, "--zokio.http2.max-control-frames=50");
		ConnectionStatistics statistics = statistics(server);
		try (RawHttp2Connection calm = http2(server, layout); RawHttp2Connection flood = http2(server, layout)) {
			calm.write(pings(40));
			assertThat(calm.get("/plaintext").status()).isEqualTo(200);
			assertThat(flood.get("/plaintext").status()).isEqualTo(200);
			try {
				flood.write(pings(100));
			}
			catch (IOException closedByTheServer) {
				// the server may cut the connection while the flood is still being written
			}
			assertThat(flood.isClosedByServer()).isTrue();
			assertThat(flood.goAwayError()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
			assertThat(calm.get("/plaintext").status()).isEqualTo(200);
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(Http2Error.ENHANCE_YOUR_CALM)).isOne();
		assertThat(statistics.count(CloseReason.ERROR)).isOne();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("http2Layouts")
	void advertisesTheConfiguredHttp2Limits(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout, "--zokio.http2.max-concurrent-streams=7",
				"--zokio.http2.max-header-list-size=4KB");
		try (RawHttp2Connection connection = http2(server, layout)) {
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			assertThat(connection.serverSettings()).containsEntry(MAX_CONCURRENT_STREAMS, 7L)
				.containsEntry(MAX_HEADER_LIST_SIZE, 4096L);
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("h2cServerLayouts")
	void cutsATrickledHttp2PrefaceAtTheHeaderDeadline(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		try (RawHttpConnection connection = http11(server, layout)) {
			connection.send("PRI * HTTP/2.0\r\n");
			assertThat(connection.isClosedByServer()).isTrue();
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(CloseReason.REQUEST_TIMEOUT)).isOne();
		assertThat(statistics.count(Count.REQUESTS)).isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("tlsLayouts")
	void countsAFailedTlsHandshakeAsATlsClose(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		ConnectionStatistics statistics = statistics(server);
		try (RawHttpConnection connection = this.resources.add(new RawHttpConnection(server.port(), READ_TIMEOUT_MILLIS))) {
			connection.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
			assertThat(connection.isClosedByServer()).isTrue();
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(CloseReason.TLS)).isOne();
		assertThat(statistics.count(TlsFailure.PROTOCOL)).isOne();
		assertThat(statistics.count(Count.REQUESTS)).isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allLayouts")
	void answersARequestBeyondTheConcurrencyLimit503AndLetsAnExemptPathPass(ServerTransport transport, Layout layout)
			throws Exception {
		TestServer server = start(transport, layout, "--zokio.overload.limit=fixed", "--zokio.overload.max-limit=1",
				"--zokio.overload.exempt-paths=/plaintext");
		ConcurrencyLimit limit = server.context().getBean(ConcurrencyLimit.class);
		ConnectionStatistics statistics = statistics(server);
		TestApplication.closeGate();
		if (layout.http2()) {
			RawHttp2Connection held = this.resources.add(http2(server, layout));
			int stream = held.request("GET", "/gate", -1, true, true);
			await().atMost(SETTLE).until(() -> limit.inFlight() == 1);
			try (RawHttp2Connection other = http2(server, layout)) {
				RawHttp2Connection.Response shed = other.get("/missing");
				assertThat(shed.status()).isEqualTo(503);
				assertThat(shed.headers()).containsEntry("retry-after", "1");
				assertThat(shed.body()).isEqualTo(Refusal.CONCURRENCY_LIMIT.body());
				assertThat(other.get("/plaintext").status()).as("exempt").isEqualTo(200);
			}
			TestApplication.openGate();
			assertThat(held.readResponse(stream).status()).isEqualTo(200);
			assertThat(held.get("/missing").status()).as("admitted once the slot is back").isEqualTo(404);
		}
		else {
			RawHttpConnection held = this.resources.add(http11(server, layout));
			held.send("GET /gate HTTP/1.1\r\nHost: a\r\n\r\n");
			await().atMost(SETTLE).until(() -> limit.inFlight() == 1);
			try (RawHttpConnection other = http11(server, layout)) {
				RawHttpConnection.Response shed = other.get("/missing");
				assertThat(shed.status()).isEqualTo(503);
				assertThat(shed.headers()).containsEntry("retry-after", "1").doesNotContainKey("connection");
				assertThat(shed.body()).isEqualTo(Refusal.CONCURRENCY_LIMIT.body());
				assertThat(other.get("/plaintext").status()).as("exempt, on the connection kept").isEqualTo(200);
				TestApplication.openGate();
				assertThat(held.readResponse().status()).isEqualTo(200);
				assertThat(other.get("/missing").status()).as("admitted once the slot is back").isEqualTo(404);
			}
		}
		await().atMost(SETTLE).until(() -> limit.inFlight() == 0);
		assertThat(limit.shed()).isOne();
		assertThat(statistics.count(Refusal.CONCURRENCY_LIMIT)).isOne();
		assertThat(statistics.count(Refusal.OVERLOADED)).as("no memory shed").isZero();
		assertThat(statistics.count(CloseReason.REJECTED)).as("no connection over the limit").isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allLayouts")
	void datesEveryResponseIncludingItsOwnRefusals(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout);
		String date;
		String refusalDate = null;
		if (layout.http2()) {
			try (RawHttp2Connection connection = http2(server, layout)) {
				date = connection.get("/plaintext").headers().get("date");
			}
		}
		else {
			try (RawHttpConnection connection = http11(server, layout)) {
				date = connection.get("/plaintext").headers().get("date");
			}
			try (RawHttpConnection connection = http11(server, layout)) {
				connection.send("GET /plaintext HTTP/1.1\r\nHost: a@b\r\n\r\n");
				RawHttpConnection.Response refusal = connection.readResponse();
				assertThat(refusal.status()).isEqualTo(400);
				refusalDate = refusal.headers().get("date");
			}
		}
		for (String value : (refusalDate != null) ? List.of(date, refusalDate) : List.of(date)) {
			assertThat(value).as("Date header").isNotNull();
			Date parsed = DateFormatter.parseHttpDate(value);
			assertThat(parsed).as("an IMF-fixdate: %s", value).isNotNull();
			assertThat(Duration.between(parsed.toInstant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allLayouts")
	void shutsDownGracefullyFinishingInFlightRequestsAndCountingEveryCloseAsShutdown(ServerTransport transport,
			Layout layout) throws Exception {
		TestServer server = start(transport, layout, "--server.shutdown=graceful");
		ConnectionStatistics statistics = statistics(server);
		int port = server.port();
		TestApplication.closeGate();
		InFlight inFlight = layout.http2() ? http2InFlight(server, layout) : http11InFlight(server, layout);
		await().atMost(SETTLE).until(() -> statistics.count(Count.IN_FLIGHT) == 1 && statistics.count(ConnectionState.IDLE) == 1);
		CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
		assertThat(inFlight.idleClosed().call()).as("idle connection closed at once").isTrue();
		await().atMost(SETTLE)
			.untilAsserted(() -> assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()));
		TestApplication.openGate();
		inFlight.answeredAndClosed().call();
		closed.get(30, TimeUnit.SECONDS);
		assertThat(statistics.count(CloseReason.SHUTDOWN)).isEqualTo(2);
		assertThat(statistics.active()).isZero();
		assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
	}

	private InFlight http11InFlight(TestServer server, Layout layout) throws IOException {
		RawHttpConnection idle = this.resources.add(http11(server, layout));
		assertThat(idle.get("/plaintext").status()).isEqualTo(200);
		RawHttpConnection busy = this.resources.add(http11(server, layout));
		busy.send("GET /gate HTTP/1.1\r\nHost: a\r\n\r\n");
		return new InFlight(idle::isClosedByServer, () -> {
			RawHttpConnection.Response response = busy.readResponse();
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("opened");
			assertThat(response.headers()).containsEntry("connection", "close");
			assertThat(busy.isClosedByServer()).isTrue();
			return null;
		});
	}

	private InFlight http2InFlight(TestServer server, Layout layout) throws IOException {
		RawHttp2Connection idle = this.resources.add(http2(server, layout));
		if (idle.upgradeResponse() == null) {
			assertThat(idle.get("/plaintext").status()).isEqualTo(200);
		}
		RawHttp2Connection busy = this.resources.add(http2(server, layout));
		int stream = busy.request("GET", "/gate", -1, true, true);
		return new InFlight(idle::isClosedByServer, () -> {
			RawHttp2Connection.Response response = busy.readResponse(stream);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("opened");
			assertThat(busy.isClosedByServer()).isTrue();
			return null;
		});
	}

	/**
	 * Two connections of one layout: one idle after a served request, one with a request held at the
	 * gate.
	 * @param idleClosed whether the server closed the idle one
	 * @param answeredAndClosed asserts the held request was answered and its connection then closed
	 */
	private record InFlight(Callable<Boolean> idleClosed, Callable<Void> answeredAndClosed) {
	}

	static Stream<Arguments> allLayouts() {
		return ServerTransport.onEvery(List.of(Layout.values()));
	}

	static Stream<Arguments> http11Layouts() {
		return ServerTransport.onEvery(HTTP_1_1_LAYOUTS);
	}

	static Stream<Arguments> cleartextHttp11Layouts() {
		return ServerTransport.onEvery(List.of(Layout.HTTP_1_1, Layout.HTTP_1_1_H2C_SERVER));
	}

	static Stream<Arguments> h2cServerLayouts() {
		return ServerTransport.onEvery(List.of(Layout.HTTP_1_1_H2C_SERVER));
	}

	static Stream<Arguments> http2Layouts() {
		return ServerTransport.onEvery(List.of(Layout.H2_ALPN, Layout.H2C_PRIOR_KNOWLEDGE, Layout.H2C_UPGRADE));
	}

	static Stream<Arguments> tlsLayouts() {
		return ServerTransport.onEvery(List.of(Layout.HTTP_1_1_TLS, Layout.HTTP_1_1_ALPN, Layout.H2_ALPN));
	}

	private TestServer start(ServerTransport transport, Layout layout, String... extraArgs) {
		List<String> args = new ArrayList<>(layout.serverArgs());
		args.add("--zokio.connections.request-header-timeout=" + HEADER_TIMEOUT.toMillis() + "ms");
		args.add("--zokio.connections.request-body-timeout=" + HEADER_TIMEOUT.toMillis() + "ms");
		args.add("--zokio.connections.max-request-body-size=1KB");
		if (Stream.of(extraArgs)
			.noneMatch((arg) -> arg.startsWith("--server.netty.idle-timeout=")
					|| arg.startsWith("--zokio.connections.default-idle-timeout="))) {
			args.add("--server.netty.idle-timeout=" + IDLE_TIMEOUT.toMillis() + "ms");
		}
		args.addAll(List.of(extraArgs));
		return this.resources.add(transport.start(args.toArray(String[]::new)));
	}

	private RawHttpConnection http11(TestServer server, Layout layout) throws IOException {
		return new RawHttpConnection(layout.connect(server.port()), READ_TIMEOUT_MILLIS);
	}

	private static byte[] pings(int count) {
		ByteArrayOutputStream pings = new ByteArrayOutputStream();
		for (int i = 0; i < count; i++) {
			pings.writeBytes(RawHttp2Connection.frame(0x6, 0, 0, new byte[8]));
		}
		return pings.toByteArray();
	}

	private static boolean openAndReset(RawHttp2Connection connection) {
		try {
			connection.reset(connection.request("GET", "/gate", -1, true, true));
			return true;
		}
		catch (IOException closedByTheServer) {
			return false;
		}
	}

	private RawHttp2Connection http2(TestServer server, Layout layout) throws IOException {
		return new RawHttp2Connection(layout, server.port(), "/plaintext", READ_TIMEOUT_MILLIS);
	}

	private static ConnectionStatistics statistics(TestServer server) {
		return server.context().getBean(ConnectionStatistics.class);
	}

}
