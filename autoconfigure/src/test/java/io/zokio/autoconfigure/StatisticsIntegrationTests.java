package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.ZokioPipeline;
import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatisticsSnapshot;
import io.zokio.engine.stats.StatusClass;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.TestApplication;
import io.zokio.test.TestResources;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection statistics of a real server driven by real clients on raw sockets.
 */
class StatisticsIntegrationTests {

	private static final Duration SETTLE = Duration.ofSeconds(10);

	private final TestResources resources = new TestResources();

	@AfterEach
	void closeResources() throws Exception {
		TestApplication.openGate();
		this.resources.close();
	}

	@Test
	void countsRequestsConnectionsAndBytesExactlyUnderConcurrency() throws Exception {
		TestServer server = start();
		int keepAliveConnections = 16;
		int requestsPerConnection = 50;
		int singleRequestConnections = 40;
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<long[]>> results = new ArrayList<>();
			for (int c = 0; c < keepAliveConnections; c++) {
				results.add(clients.submit(() -> {
					try (RawHttpConnection connection = server.connect()) {
						for (int r = 0; r < requestsPerConnection; r++) {
							assertThat(connection.get("/plaintext").status()).isEqualTo(200);
						}
						return new long[] { connection.bytesSent(), connection.bytesReceived() };
					}
				}));
			}
			for (int c = 0; c < singleRequestConnections; c++) {
				results.add(clients.submit(() -> {
					try (RawHttpConnection connection = server.connect()) {
						connection.send("GET /plaintext HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
						assertThat(connection.readResponse().status()).isEqualTo(200);
						assertThat(connection.isClosedByServer()).isTrue();
						return new long[] { connection.bytesSent(), connection.bytesReceived() };
					}
				}));
			}
			long sent = 0;
			long received = 0;
			for (Future<long[]> result : results) {
				long[] bytes = result.get();
				sent += bytes[0];
				received += bytes[1];
			}
			ConnectionStatistics statistics = statistics(server);
			await().atMost(SETTLE).until(() -> statistics.active() == 0);
			StatisticsSnapshot snapshot = statistics.snapshot();
			int requests = keepAliveConnections * requestsPerConnection + singleRequestConnections;
			assertThat(snapshot.accepted()).isEqualTo(keepAliveConnections + singleRequestConnections);
			assertThat(snapshot.closed()).isEqualTo(keepAliveConnections + singleRequestConnections);
			assertThat(snapshot.closedBy().get(CloseReason.CLIENT)).isEqualTo(keepAliveConnections);
			assertThat(snapshot.closedBy().get(CloseReason.SERVER)).isEqualTo(singleRequestConnections);
			assertThat(snapshot.requests()).isEqualTo(requests);
			assertThat(snapshot.responses().get(StatusClass.SUCCESS)).isEqualTo(requests);
			assertThat(snapshot.inFlight()).isZero();
			assertThat(snapshot.latencySinceStart().count()).isEqualTo(requests);
			assertThat(snapshot.bytesRead()).isEqualTo(sent);
			assertThat(snapshot.bytesWritten()).isEqualTo(received);
			assertThat(snapshot.maxRequestsPerConnection()).isEqualTo(requestsPerConnection);
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void placesOneHandlerBeforeAndOneAfterTheCodecForEveryCapability() throws Exception {
		TestServer server = start();
		String pipeline;
		try (RawHttpConnection connection = server.connect()) {
			pipeline = connection.get("/pipeline").body();
		}
		assertThat(List.of(pipeline.split(","))).containsSubsequence(ZokioPipeline.CONNECTION_HANDLER,
				NettyPipeline.HttpCodec, ZokioPipeline.EXCHANGE_HANDLER, NettyPipeline.HttpTrafficHandler)
			.filteredOn((name) -> name.startsWith("zokio."))
			.hasSize(2);
		ConnectionStatistics statistics = statistics(server);
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.snapshot().requests()).isOne();
		assertThat(statistics.count(StatusClass.SUCCESS)).isOne();
		assertThat(statistics.snapshot().latencySinceStart().count()).isOne();
	}

	@Test
	void showsEachConnectionInItsState() throws Exception {
		TestServer server = start();
		ConnectionStatistics statistics = statistics(server);
		TestApplication.closeGate();
		RawHttpConnection idle = open(server);
		assertThat(idle.get("/plaintext").status()).isEqualTo(200);
		RawHttpConnection reading = open(server);
		reading.send("GET /plaintext HTTP/1.1\r\nHo");
		RawHttpConnection processing = open(server);
		processing.send("GET /gate HTTP/1.1\r\nHost: localhost\r\n\r\n");
		RawHttpConnection writing = open(server);
		writing.socket().setReceiveBufferSize(4096);
		writing.send("GET /bytes?size=67108864 HTTP/1.1\r\nHost: localhost\r\n\r\n");
		await().atMost(SETTLE).untilAsserted(() -> {
			assertThat(statistics.count(ConnectionState.IDLE)).isOne();
			assertThat(statistics.count(ConnectionState.READING)).isOne();
			assertThat(statistics.count(ConnectionState.PROCESSING)).isOne();
			assertThat(statistics.count(ConnectionState.WRITING)).isOne();
		});
		assertThat(statistics.count(ConnectionState.ACCEPTED)).isZero();
		assertThat(statistics.active()).isEqualTo(4);
		assertThat(statistics.count(Count.IN_FLIGHT)).isEqualTo(2);
		JsonNode states = server.getJsonOnce("/actuator/zokio/connections").get("states");
		assertThat(states.get("reading").asLong()).isOne();
		assertThat(states.get("processing").asLong()).as("the gated request and this one").isEqualTo(2);
		assertThat(states.get("writing").asLong()).isOne();
		assertThat(states.get("idle").asLong()).isOne();
		TestApplication.openGate();
		assertThat(processing.readResponse().body()).isEqualTo("opened");
		writing.close();
		reading.close();
		idle.close();
		processing.close();
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
	}

	@Test
	void latencyPercentilesAgreeWithAKnownHandlerDelay() throws Exception {
		TestServer server = start();
		try (RawHttpConnection connection = server.connect()) {
			for (int i = 0; i < 20; i++) {
				assertThat(connection.get("/delay?ms=50").status()).isEqualTo(200);
			}
		}
		JsonNode latency = server.http().getJson("/actuator/zokio/requests").get("latency");
		assertThat(latency.get("unit").asString()).isEqualTo("ms");
		assertThat(latency.get("window").asString()).isEqualTo("PT1M");
		assertThat(latency.get("count").asLong()).isEqualTo(20);
		assertThat(latency.get("p50").asDouble()).isBetween(50.0, 100.0);
		assertThat(latency.get("p99").asDouble()).isBetween(50.0, 250.0);
		assertThat(latency.get("max").asDouble()).isGreaterThanOrEqualTo(latency.get("p99").asDouble());
		assertThat(latency.get("sinceStart").get("count").asLong()).isEqualTo(20);
	}

	@Test
	void endpointKeepsItsJsonContract() throws Exception {
		TestServer server = start();
		try (RawHttpConnection connection = server.connect()) {
			connection.get("/plaintext");
			connection.get("/missing");
		}
		await().atMost(SETTLE).until(() -> statistics(server).active() == 0);
		JsonNode zokio = server.getJsonOnce("/actuator/zokio");
		JsonNode connections = zokio.get("connections");
		assertThat(fieldNames(connections)).containsAll(List.of("active", "states", "accepted", "closed", "closedBy"));
		assertThat(fieldNames(connections.get("states"))).containsAll(List.of("reading", "processing", "writing", "idle"));
		assertThat(fieldNames(connections.get("closedBy"))).containsExactlyInAnyOrder("client", "server",
				"idleTimeout", "requestTimeout", "responseRate", "error", "tls", "rejected", "shutdown", "proxyProtocol");
		assertThat(connections.get("draining").asBoolean()).isFalse();
		assertThat(connections.get("accepted").asLong()).as("the first connection and this one").isEqualTo(2);
		assertThat(connections.get("active").asLong()).isOne();
		assertThat(connections.get("states").get("processing").asLong()).isOne();
		assertThat(connections.get("closed").asLong()).isOne();
		assertThat(connections.get("closedBy").get("client").asLong()).isOne();
		JsonNode requests = zokio.get("requests");
		assertThat(fieldNames(requests)).containsAll(
				List.of("total", "inFlight", "decodeErrors", "bytesRead", "bytesWritten", "responses", "latency"));
		assertThat(fieldNames(requests.get("responses"))).containsExactly("1xx", "2xx", "3xx", "4xx", "5xx");
		assertThat(fieldNames(requests.get("refused"))).containsExactlyInAnyOrder("host", "target", "version",
				"lineFolding", "chunk", "notImplemented", "requestTimeout", "requestBodyRate", "contentTooLarge", "overloaded",
				"concurrencyLimit", "versionNotSupported", "untrustedProxy");
		assertThat(requests.get("total").asLong()).isEqualTo(3);
		assertThat(requests.get("inFlight").asLong()).isOne();
		assertThat(requests.get("responses").get("2xx").asLong()).isOne();
		assertThat(requests.get("responses").get("4xx").asLong()).isOne();
		assertThat(fieldNames(requests.get("latency"))).containsAll(
				List.of("unit", "window", "count", "p50", "p90", "p99", "p999", "max"));
		assertThat(fieldNames(requests.get("head"))).isEqualTo(fieldNames(requests.get("latency")));
		assertThat(requests.get("head").get("sinceStart").get("count").asLong()).isEqualTo(2);
		assertThat(fieldNames(requests.get("streams"))).containsExactly("count", "active", "durationSeconds");
		assertThat(requests.get("streams").get("count").asLong()).isZero();
		JsonNode section = server.getJsonOnce("/actuator/zokio/connections");
		assertThat(section.get("accepted").asLong()).isEqualTo(3);
		assertThat(fieldNames(section)).isEqualTo(fieldNames(connections));
		assertThat(zokio.get("transport").get("name").isString()).isTrue();
	}

	@Test
	void neverExposesAddressesHeadersOrUris() throws Exception {
		TestServer server = start();
		try (RawHttpConnection connection = server.connect()) {
			connection.send("GET /plaintext?token=secret-query-77 HTTP/1.1\r\nHost: localhost\r\n"
					+ "X-Trace: secret-header-value-42\r\n\r\n");
			assertThat(connection.readResponse().status()).isEqualTo(200);
		}
		for (String path : List.of("/actuator/zokio", "/actuator/prometheus", "/actuator/health",
				"/actuator/metrics/zokio.requests", "/actuator/info")) {
			String body = server.http().get(path).body();
			assertThat(body).as(path).doesNotContain("secret-", "127.0.0.1", "X-Trace", "/plaintext");
		}
	}

	@Test
	void endpointResponseDoesNotGrowWithConnections() throws Exception {
		TestServer server = start();
		String before = server.http().get("/actuator/zokio").body();
		for (int i = 0; i < 100; i++) {
			open(server).get("/plaintext");
		}
		await().atMost(SETTLE).until(() -> statistics(server).count(ConnectionState.IDLE) >= 100);
		String after = server.http().get("/actuator/zokio").body();
		assertThat(fieldPaths(server.http().getJson("/actuator/zokio")))
			.isEqualTo(fieldPaths(tools.jackson.databind.json.JsonMapper.builder().build().readTree(before)));
		assertThat(after.length()).isLessThan(before.length() + 128);
	}

	@ParameterizedTest(name = "with a parent context: {0}")
	@ValueSource(booleans = { false, true })
	void exposesMetersOnceTheServerHasStarted(boolean parent) throws Exception {
		TestServer server = this.resources.add(parent ? TestServer.startWithParent() : TestServer.start());
		try (RawHttpConnection connection = server.connect()) {
			for (int i = 0; i < 7; i++) {
				connection.get("/plaintext");
			}
			MeterRegistry registry = server.context().getBean(MeterRegistry.class);
			await().atMost(SETTLE)
				.until(() -> registry.get("zokio.connections.states").tag("state", "idle").gauge().value() == 1);
			assertThat(registry.get("zokio.requests").functionCounter().count()).isEqualTo(7);
			assertThat(registry.get("zokio.responses").tag("status", "2xx").functionCounter().count()).isEqualTo(7);
			assertThat(registry.get("zokio.connections.states").tag("state", "idle").gauge().value()).isOne();
			assertThat(registry.get("zokio.connections.active").gauge().value()).isOne();
			Timer latency = registry.get("zokio.requests.latency").timer();
			assertThat(latency.count()).isEqualTo(7);
			assertThat(registry.get("zokio.data.read").functionCounter().count())
				.isEqualTo(connection.bytesSent());
		}
	}

	@Test
	void shapesTheLatencyHistogramAsTheDistributionPropertiesSay() throws Exception {
		TestServer server = start("--management.metrics.distribution.percentiles-histogram.zokio.requests=false",
				"--management.metrics.distribution.slo.zokio.requests=1s,10s");
		try (RawHttpConnection connection = server.connect()) {
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			assertThat(connection.get("/delay?ms=1100").status()).isEqualTo(200);
		}
		Timer latency = server.context().getBean(MeterRegistry.class).get("zokio.requests.latency").timer();
		await().atMost(SETTLE).until(() -> latency.count() == 2);
		CountAtBucket[] buckets = latency.takeSnapshot().histogramCounts();
		assertThat(buckets).extracting((bucket) -> bucket.bucket(TimeUnit.SECONDS)).containsExactly(1.0, 10.0);
		assertThat(buckets).as("cumulative").extracting(CountAtBucket::count).containsExactly(1.0, 2.0);
	}

	@Test
	void doesNotCountTheManagementServer() throws Exception {
		TestServer server = start("--management.server.port=0", "--management.server.address=127.0.0.1");
		int managementPort = server.context()
			.getEnvironment()
			.getRequiredProperty("local.management.port", Integer.class);
		assertThat(managementPort).isNotEqualTo(server.port());
		try (RawHttpConnection management = new RawHttpConnection(managementPort)) {
			for (int i = 0; i < 5; i++) {
				assertThat(management.get("/actuator/health").status()).isEqualTo(200);
			}
		}
		ConnectionStatistics statistics = statistics(server);
		assertThat(statistics.count(Count.ACCEPTED)).isZero();
		assertThat(statistics.count(Count.REQUESTS)).isZero();
		try (RawHttpConnection application = server.connect()) {
			application.get("/plaintext");
		}
		assertThat(statistics.count(Count.ACCEPTED)).isOne();
		assertThat(statistics.count(Count.REQUESTS)).isOne();
	}

	@Test
	void recordsNothingWhenDisabled() throws Exception {
		TestServer server = start("--zokio.stats.enabled=false");
		assertThat(server.context().getBeanNamesForType(ConnectionStatistics.class)).isEmpty();
		assertThat(server.http().get("/plaintext").statusCode()).isEqualTo(200);
		assertThat(server.http().get("/actuator/zokio/connections").statusCode()).isEqualTo(404);
		assertThat(server.http().getJson("/actuator/zokio").has("transport")).isTrue();
	}

	private TestServer start(String... args) {
		TestServer server = TestServer.start(args);
		this.resources.add(server);
		return server;
	}

	private RawHttpConnection open(TestServer server) throws java.io.IOException {
		RawHttpConnection connection = server.connect();
		this.resources.add(connection);
		return connection;
	}

	private static ConnectionStatistics statistics(TestServer server) {
		return server.context().getBean(ConnectionStatistics.class);
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	private static Set<String> fieldPaths(JsonNode node) {
		Set<String> paths = new TreeSet<>();
		collect("", node, paths);
		return paths;
	}

	private static void collect(String prefix, JsonNode node, Set<String> paths) {
		if (node.isObject()) {
			Iterator<String> names = node.propertyNames().iterator();
			while (names.hasNext()) {
				String name = names.next();
				paths.add(prefix + name);
				collect(prefix + name + ".", node.get(name), paths);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collect(prefix + i + ".", node.get(i), paths);
			}
		}
	}

}
