package io.zokio.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.protection.ProtectionParticipant;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatusClass;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.TestApplication;
import io.zokio.test.TestHttp;
import io.zokio.test.TestResources;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow, excessive and malformed clients on raw sockets against a real server with small limits.
 */
class ProtectionIntegrationTests {

	private static final int CLOSE_WITHIN_MILLIS = 1000;

	private final TestResources resources = new TestResources();

	@AfterEach
	void closeResources() throws Exception {
		TestApplication.openGate();
		this.resources.close();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			missing Host                   | GET /plaintext HTTP/1.1\\r\\n\\r\\n                                                              | 400
			two Host headers               | GET /plaintext HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n                                     | 400
			HTTP/1.2                       | GET /plaintext HTTP/1.2\\r\\nHost: a\\r\\n\\r\\n                                                | 505
			HTTP/2.0 on HTTP/1             | GET /plaintext HTTP/2.0\\r\\nHost: a\\r\\n\\r\\n                                                | 505
			Content-Length and chunked     | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nabc\\r\\n0\\r\\n\\r\\n | 400
			two Content-Lengths            | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\nabcd  | 400
			bad chunk size                 | POST /echo HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\nabc\\r\\n0\\r\\n\\r\\n | 400
			obsolete line folding          | GET /plaintext HTTP/1.1\\r\\nHost: a\\r\\nX-Folded: one\\r\\n two\\r\\n\\r\\n                     | 400
			""")
	void refusesMalformedRequestsWithTheirStatusAndCloses(String name, String request, int status) throws Exception {
		TestServer server = start();
		ConnectionStatistics statistics = statistics(server);
		try (RawHttpConnection connection = new RawHttpConnection(server.port(), CLOSE_WITHIN_MILLIS)) {
			connection.send(request.replace("\\r", "\r").replace("\\n", "\n"));
			RawHttpConnection.Response response = connection.readResponse();
			assertThat(response.version()).isEqualTo("HTTP/1.1");
			assertThat(response.status()).isEqualTo(status);
			assertThat(connection.isClosedByServer()).as("closed within a second").isTrue();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> statistics.active() == 0);
		StatusClass expected = StatusClass.of(status);
		assertThat(statistics.count(expected)).isOne();
		assertThat(statistics.count(CloseReason.SERVER) + statistics.count(CloseReason.ERROR)).isOne();
	}

	@Test
	void raisesTheRequestLineLimitAndKeepsTheDecoderSettingsBootApplied() throws Exception {
		TestServer server = start("--server.max-http-request-header-size=2KB");
		try (RawHttpConnection connection = new RawHttpConnection(server.port(), CLOSE_WITHIN_MILLIS)) {
			assertThat(connection.get("/plaintext?q=" + "a".repeat(7000)).status()).isEqualTo(200);
			connection.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(3000) + "\r\n\r\n");
			assertThat(connection.readResponse().status()).isEqualTo(431);
			assertThat(connection.isClosedByServer()).isTrue();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> statistics(server).count(Count.DECODE_ERRORS) == 1);
	}

	@Test
	void keepsTheLineLimitTheUserSetOnRequestLinesAndChunkSizeLines() throws Exception {
		TestServer server = start("--server.netty.max-initial-line-length=2KB");
		try (RawHttpConnection connection = new RawHttpConnection(server.port(), CLOSE_WITHIN_MILLIS)) {
			assertThat(connection.get("/plaintext?q=" + "a".repeat(1900)).status()).isEqualTo(200);
			connection.send("GET /plaintext?q=" + "a".repeat(3000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
			assertThat(connection.readResponse().status()).isEqualTo(414);
			assertThat(connection.isClosedByServer()).isTrue();
		}
		try (RawHttpConnection connection = new RawHttpConnection(server.port(), CLOSE_WITHIN_MILLIS)) {
			connection.send(chunkSizeLine(1900));
			assertThat(connection.readResponse().status()).isEqualTo(200);
			connection.send(chunkSizeLine(3000));
			assertThat(connection.readResponse().status()).isEqualTo(400);
			assertThat(connection.isClosedByServer()).isTrue();
		}
	}

	private static String chunkSizeLine(int length) {
		return "POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;n=" + "a".repeat(length - 4)
				+ "\r\nx\r\n0\r\n\r\n";
	}

	@Test
	void cutsSlowHeadersWith408WhileOthersAreServed() throws Exception {
		TestServer server = start("--zokio.connections.request-header-timeout=1s");
		ScheduledExecutorService trickle = trickler();
		RawHttpConnection slow = open(server);
		long start = System.nanoTime();
		slow.send("GET /plaintext HTTP/1.1\r\n");
		trickle.scheduleAtFixedRate(() -> sendQuietly(slow, "X"), 200, 200, TimeUnit.MILLISECONDS);
		assertWellBehavedClientIsServed(server);
		RawHttpConnection.Response response = slow.readResponse();
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(response.status()).isEqualTo(408);
		assertThat(elapsedMillis).isBetween(900L, 2500L);
		assertThat(slow.isClosedByServer()).isTrue();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> statistics(server).count(CloseReason.REQUEST_TIMEOUT) == 1);
		assertThat(statistics(server).count(StatusClass.CLIENT_ERROR)).isOne();
	}

	@Test
	void cutsAStalledRequestBody() throws Exception {
		TestServer server = start("--zokio.connections.request-body-timeout=1s");
		RawHttpConnection slow = open(server);
		long start = System.nanoTime();
		slow.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n0123456789");
		assertWellBehavedClientIsServed(server);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> statistics(server).count(CloseReason.REQUEST_TIMEOUT) == 1);
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(elapsedMillis).isBetween(900L, 3000L);
		assertThat(slow.socket().getInputStream().readAllBytes()).isNotNull();
	}

	@Test
	void cutsAClientThatStopsReading() throws Exception {
		TestServer server = start("--zokio.connections.write-timeout=1s");
		RawHttpConnection slow = open(server);
		slow.socket().setReceiveBufferSize(4096);
		long start = System.nanoTime();
		slow.send("GET /bytes?size=134217728 HTTP/1.1\r\nHost: a\r\n\r\n");
		assertWellBehavedClientIsServed(server);
		await().atMost(Duration.ofSeconds(6))
			.until(() -> statistics(server).count(CloseReason.REQUEST_TIMEOUT) == 1);
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(elapsedMillis).isBetween(900L, 4000L);
		assertThat(statistics(server).count(Count.IN_FLIGHT)).isZero();
	}

	@Test
	void refusesConnectionsOverTheLimitKeepsServingTheOthersAndTheManagementPortAndIsNotReadyMeanwhile()
			throws Exception {
		TestServer server = start("--zokio.connections.max=3", "--management.server.port=0",
				"--management.server.address=127.0.0.1", "--management.endpoint.health.probes.enabled=true");
		int managementPort = server.context()
			.getEnvironment()
			.getRequiredProperty("local.management.port", Integer.class);
		assertThat(probe(managementPort, "readiness")).isEqualTo(200);
		List<RawHttpConnection> admitted = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			RawHttpConnection connection = open(server);
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			admitted.add(connection);
		}
		try (RawHttpConnection refused = new RawHttpConnection(server.port(), CLOSE_WITHIN_MILLIS)) {
			assertThat(refused.isClosedByServer()).isTrue();
		}
		for (RawHttpConnection connection : admitted) {
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> probe(managementPort, "readiness") == 503);
		assertThat(probe(managementPort, "liveness")).as("liveness at the limit").isEqualTo(200);
		ConnectionStatistics statistics = statistics(server);
		await().atMost(Duration.ofSeconds(5)).until(() -> statistics.count(CloseReason.REJECTED) == 1);
		admitted.forEach(this::closeQuietly);
		await().atMost(Duration.ofSeconds(5)).until(() -> statistics.active() == 0);
		await().atMost(Duration.ofSeconds(5)).until(() -> probe(managementPort, "readiness") == 200);
		var section = new TestServer.Port(managementPort).getJsonOnce("/actuator/zokio/connections");
		assertThat(section.get("max").asInt()).isEqualTo(3);
		assertThat(section.get("rejected").asLong()).isOne();
		assertThat(section.get("closedBy").get("rejected").asLong()).isOne();
	}

	private static int probe(int managementPort, String probe) throws IOException {
		try (RawHttpConnection management = new RawHttpConnection(managementPort)) {
			return management.get("/actuator/health/" + probe).status();
		}
	}

	@Test
	void honoursBootsIdleTimeoutAndCountsIt() throws Exception {
		TestServer server = start("--server.netty.idle-timeout=500ms");
		RawHttpConnection idle = open(server);
		assertThat(idle.get("/plaintext").status()).isEqualTo(200);
		assertThat(idle.isClosedByServer()).isTrue();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> statistics(server).count(CloseReason.IDLE_TIMEOUT) == 1);
	}

	@Test
	void closesAConnectionThatNeverSendsOrWhoseBodyEndsAfterItsAnswerAsIdle() throws Exception {
		TestServer server = start("--zokio.connections.default-idle-timeout=500ms");
		RawHttpConnection silent = open(server);
		RawHttpConnection posted = open(server);
		posted.send("GET /plaintext HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\n");
		assertThat(posted.readResponse().status()).isEqualTo(200);
		posted.send("abc");
		assertThat(silent.isClosedByServer()).isTrue();
		assertThat(posted.isClosedByServer()).isTrue();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> statistics(server).count(CloseReason.IDLE_TIMEOUT) == 2);
	}

	@Test
	void enforcesItsOwnIdleTimeoutOrBootsWithoutReactorNettysPerRequestHandler() {
		try (TestServer server = TestServer.start()) {
			assertThat(guardedIdleTimeout(server)).isEqualTo(Duration.ofSeconds(30));
			assertThat(idleTimeout(server)).isNull();
		}
		try (TestServer server = TestServer.start("--server.netty.idle-timeout=7s")) {
			assertThat(guardedIdleTimeout(server)).isEqualTo(Duration.ofSeconds(7));
			assertThat(idleTimeout(server)).as("Boot's own customizer").isEqualTo(Duration.ofSeconds(7));
		}
	}

	private static Duration guardedIdleTimeout(TestServer server) {
		return server.context().getBean(ProtectionParticipant.class).limits().idleTimeout();
	}

	@Test
	void honoursBootsKeepAliveRequestLimit() throws Exception {
		TestServer server = start("--server.netty.max-keep-alive-requests=2");
		RawHttpConnection connection = open(server);
		assertThat(connection.get("/plaintext").status()).isEqualTo(200);
		RawHttpConnection.Response second = connection.get("/plaintext");
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.headers()).containsEntry("connection", "close");
		assertThat(connection.isClosedByServer()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> statistics(server).count(CloseReason.SERVER) == 1);
	}

	private static Duration idleTimeout(TestServer server) {
		NettyReactiveWebServerFactory factory = server.context().getBean(NettyReactiveWebServerFactory.class);
		HttpServer httpServer = HttpServer.create();
		for (var customizer : factory.getServerCustomizers()) {
			httpServer = customizer.apply(httpServer);
		}
		return httpServer.configuration().idleTimeout();
	}

	private void assertWellBehavedClientIsServed(TestServer server) throws IOException {
		try (RawHttpConnection other = server.connect()) {
			for (int i = 0; i < 5; i++) {
				assertThat(other.get("/plaintext").status()).isEqualTo(200);
			}
		}
	}

	private ScheduledExecutorService trickler() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
		this.resources.add(executor::shutdownNow);
		return executor;
	}

	private static void sendQuietly(RawHttpConnection connection, String text) {
		try {
			connection.send(text);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void closeQuietly(RawHttpConnection connection) {
		try {
			connection.close();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void keepsServingThroughTheDrainWithReadinessRefusingTraffic() throws Exception {
		TestServer server = start("--zokio.shutdown.drain-delay=3s");
		ServerConnections connections = server.context().getBean(ServerConnections.class);
		ApplicationAvailability availability = server.context().getBean(ApplicationAvailability.class);
		CompletableFuture<Void> closed = CompletableFuture.runAsync(server.context()::close);
		await().atMost(Duration.ofSeconds(10)).until(connections::isDraining);
		assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		TestHttp http = new TestHttp(server.port());
		assertThat(http.get("/plaintext").statusCode()).isEqualTo(200);
		assertThat(http.getJson("/actuator/zokio/connections").get("draining").asBoolean()).isTrue();
		assertThat(connections.isShuttingDown()).as("the graceful shutdown waits for the drain").isFalse();
		closed.get(30, TimeUnit.SECONDS);
		assertThat(connections.isShuttingDown()).isTrue();
	}

	private TestServer start(String... args) {
		TestServer server = TestServer.start(args);
		this.resources.add(server);
		return server;
	}

	private RawHttpConnection open(TestServer server) throws IOException {
		RawHttpConnection connection = new RawHttpConnection(server.port(), 10_000);
		this.resources.add(connection);
		return connection;
	}

	private static ConnectionStatistics statistics(TestServer server) {
		return server.context().getBean(ConnectionStatistics.class);
	}

}
