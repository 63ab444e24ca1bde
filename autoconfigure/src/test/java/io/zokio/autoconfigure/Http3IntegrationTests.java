package io.zokio.autoconfigure;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.zokio.engine.http3.Http3Report;
import io.zokio.engine.overload.ConcurrencyLimit;
import io.zokio.engine.pipeline.AlpnProtocol;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.TlsVersion;
import io.zokio.engine.http3.Http3Server;
import io.zokio.engine.http3.Http3State;
import io.zokio.engine.selection.Stage;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatusClass;
import io.zokio.engine.stats.TlsSnapshot;
import io.zokio.test.Layout;
import io.zokio.test.RawHttp2Connection;
import io.zokio.test.RawHttp3Connection;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestApplication;
import io.zokio.test.TestHttp3;
import io.zokio.test.TestKeyMaterial;
import io.zokio.test.TestServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.Http3SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * HTTP/3 beside HTTP/1.1 and HTTP/2 over TLS, with a real QUIC client (Reactor Netty's HTTP/3
 * client) on loopback, on every transport the QUIC server's event loop can run on: the application
 * answers over HTTP/3 on the server's own port, the HTTP/1.1 and HTTP/2 responses advertise it, each
 * QUIC connection and request is counted as the others are, the connection limit, idle timeout, body
 * limit, header limit and overload limit hold, the shutdown is graceful, and a stage that fails leaves
 * the server serving without HTTP/3 and says why.
 */
@ExtendWith(OutputCaptureExtension.class)
class Http3IntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static LoopResources clientLoops;

	private static ConnectionProvider connections;

	@BeforeEach
	void createClientResources() {
		clientLoops = LoopResources.create("http3-client", 1, true);
		connections = ConnectionProvider.create("http3-client", 1);
	}

	/**
	 * Dispose the client's loops with its connections: Reactor Netty's HTTP/3 client closes a
	 * connection's UDP socket when its pool evicts it, not when the server closed the connection,
	 * and the loops' end closes what is left.
	 */
	@AfterEach
	void disposeClientResources() {
		connections.disposeLater().block(TIMEOUT);
		clientLoops.disposeLater(Duration.ZERO, TIMEOUT).block(TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void servesTheApplicationOverHttp3AndAdvertisesItOnHttp11AndHttp2(ServerTransport transport,
			CapturedOutput output) throws Exception {
		try (TestServer server = transport.start(args("--server.http2.enabled=true"))) {
			Http3Report report = server.context().getBean(Http3Server.class).report();
			assertThat(report.state()).isEqualTo(Http3State.SERVING);
			assertThat(report.transport()).isEqualTo(transport.serverArgs().get(0).split("=")[1].replace('-', '_'));
			assertThat(output).contains("Zokio HTTP/3: serving on UDP port " + server.port());
			assertThat(get(http3Client(server.port()), "/plaintext")).isEqualTo("200 null Hello, World!");
			String altSvc = "h3=\":" + server.port() + "\"; ma=86400";
			assertThat(altSvc(Layout.HTTP_1_1_TLS, server.port())).isEqualTo(altSvc);
			assertThat(altSvc(Layout.H2_ALPN, server.port())).isEqualTo(altSvc);
			JsonNode section = management(server).getJsonOnce("/actuator/zokio/http3");
			assertThat(section.get("state").asString()).isEqualTo("serving");
			assertThat(section.get("altSvc").asString()).isEqualTo(altSvc);
			assertThat(servingGauge(server)).isOne();
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void countsEachQuicConnectionAndRequestAsTheOtherProtocolsAre(ServerTransport transport) {
		try (TestServer server = transport.start(args())) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			HttpClient client = http3Client(server.port());
			List<String> answers = Flux.range(0, 200)
				.flatMap((i) -> client.get().uri("/plaintext").responseSingle((response, body) -> body.asString()), 50)
				.collectList()
				.block(TIMEOUT);
			assertThat(answers).hasSize(200).containsOnly("Hello, World!");
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(statistics.count(Count.REQUESTS)).isEqualTo(200);
				assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
			});
			assertThat(statistics.count(Count.ACCEPTED)).isOne();
			assertThat(statistics.snapshot().latency().count()).isEqualTo(200);
			TlsSnapshot tls = statistics.snapshot().tls();
			assertThat(tls.handshakes()).isOne();
			assertThat(tls.versions()).containsEntry(TlsVersion.TLS_1_3, 1L);
			assertThat(tls.alpn()).containsEntry(AlpnProtocol.H3, 1L).containsEntry(AlpnProtocol.H2, 0L);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void streamsLargeBodiesBothWays(ServerTransport transport) {
		try (TestServer server = transport.start(args())) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			HttpClient client = http3Client(server.port());
			Integer echoed = client.post()
				.uri("/echo")
				.send(ByteBufFlux.fromString(Flux.range(0, 256).map((i) -> "b".repeat(4096))))
				.responseSingle((response, body) -> body.asByteArray().map((bytes) -> bytes.length))
				.block(TIMEOUT);
			assertThat(echoed).isEqualTo(256 * 4096);
			Integer downloaded = client.get()
				.uri("/bytes?size=2000000")
				.responseSingle((response, body) -> body.asByteArray().map((bytes) -> bytes.length))
				.block(TIMEOUT);
			assertThat(downloaded).isEqualTo(2_000_000);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(statistics.count(Count.REQUESTS)).isEqualTo(2);
				assertThat(statistics.count(StatusClass.SUCCESS)).isEqualTo(2);
			});
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void countsAClientThatGoesAwayMidRequest(ServerTransport transport) {
		try (TestServer server = transport.start(args())) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			ConnectionProvider leaving = ConnectionProvider.create("http3-leaving", 1);
			TestApplication.closeGate();
			try {
				http3Client(server.port(), leaving).get().uri("/gate").response().subscribe();
				await().atMost(TIMEOUT).until(() -> statistics.count(Count.IN_FLIGHT) == 1);
				leaving.disposeLater().block(TIMEOUT);
				await().atMost(TIMEOUT).until(() -> statistics.count(CloseReason.CLIENT) == 1);
			}
			finally {
				TestApplication.openGate();
			}
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(statistics.snapshot().active()).isZero();
				assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
			});
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void refusesABodyOverTheLimitWith413AndCountsIt(ServerTransport transport) {
		try (TestServer server = transport.start(args("--zokio.connections.max-request-body-size=1KB"))) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			HttpClient client = http3Client(server.port());
			assertThat(post(client, "/size", 4096)).isEqualTo("413");
			assertThat(post(client, "/size", 512)).isEqualTo("200 512");
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(statistics.count(Refusal.CONTENT_TOO_LARGE)).isOne();
				assertThat(statistics.count(Count.REQUESTS)).isEqualTo(2);
			});
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void letsAClientOpenNoMoreStreamsThanTheLimit(ServerTransport transport) throws Exception {
		try (TestServer server = transport.start(args("--zokio.http3.max-streams=1"))) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			HttpClient client = http3Client(server.port());
			TestApplication.closeGate();
			CompletableFuture<String> first = getLater(client, "/gate");
			await().atMost(TIMEOUT).until(() -> statistics.count(Count.IN_FLIGHT) == 1);
			CompletableFuture<String> second = getLater(client, "/plaintext");
			assertThat(second).failsWithin(Duration.ofSeconds(1))
				.withThrowableOfType(java.util.concurrent.TimeoutException.class);
			assertThat(statistics.count(Count.REQUESTS)).as("the second request has no stream yet").isOne();
			TestApplication.openGate();
			assertThat(first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("200 null opened");
			assertThat(second.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("200 null Hello, World!");
			assertThat(statistics.count(Count.ACCEPTED)).isOne();
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void refusesAStreamWhoseHeadStallsAndKeepsTheConnection(ServerTransport transport) throws Exception {
		try (TestServer server = transport.start(args("--zokio.connections.request-header-timeout=1s"))) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			try (RawHttp3Connection connection = new RawHttp3Connection(server.port(), 100_000)) {
				QuicStreamChannel stream = connection.rawStream(new byte[] { 0x01, 0x40, 0x64, 0, 0, 0, 0 }, false);
				await().atMost(TIMEOUT).until(() -> statistics.count(Refusal.REQUEST_TIMEOUT) == 1);
				await().atMost(TIMEOUT).until(() -> stream.isInputShutdown() || !stream.isOpen());
				assertThat(connection.quic().isActive()).as("the connection goes on").isTrue();
				assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
				assertThat(statistics.count(CloseReason.REQUEST_TIMEOUT)).as("no connection closed").isZero();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void refusesABodySlowerThanTheMinimumRateWith408(ServerTransport transport) {
		try (TestServer server = transport.start(args("--zokio.connections.min-request-body-rate.bytes-per-second=200",
				"--zokio.connections.min-request-body-rate.grace-period=1s"))) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			CompletableFuture<String> answer = postLater(http3Client(server.port()).headers((headers) -> headers.set("content-length", "1000")),
					Flux.interval(Duration.ofMillis(100)).map((tick) -> "x").take(1000));
			await().atMost(TIMEOUT).until(() -> statistics.count(Refusal.REQUEST_BODY_RATE) == 1);
			assertThat(answer).succeedsWithin(TIMEOUT).isEqualTo("408");
			assertThat(statistics.count(Refusal.REQUEST_TIMEOUT)).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void refusesABodyThatStallsWith408AndCountsIt(ServerTransport transport) {
		try (TestServer server = transport.start(args("--zokio.connections.request-body-timeout=1s"))) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			CompletableFuture<String> answer = postLater(http3Client(server.port()),
					Flux.concat(Mono.just("a".repeat(100)), Flux.never()));
			await().atMost(TIMEOUT).until(() -> statistics.count(Refusal.REQUEST_TIMEOUT) == 1);
			assertThat(answer).succeedsWithin(TIMEOUT).isEqualTo("408");
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void answersAStreamBeyondTheConcurrencyLimit503AndAdmitsOnceTheSlotIsBack(ServerTransport transport) {
		try (TestServer server = transport.start(args("--zokio.overload.limit=fixed", "--zokio.overload.max-limit=1"))) {
			ConcurrencyLimit limit = server.context().getBean(ConcurrencyLimit.class);
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			HttpClient client = http3Client(server.port());
			TestApplication.closeGate();
			CompletableFuture<String> held = getLater(client, "/gate");
			await().atMost(TIMEOUT).until(() -> limit.inFlight() == 1);
			assertThat(get(client, "/missing")).isEqualTo("503 null " + Refusal.CONCURRENCY_LIMIT.body());
			TestApplication.openGate();
			assertThat(held.join()).isEqualTo("200 null opened");
			assertThat(get(client, "/missing")).startsWith("404");
			await().atMost(TIMEOUT).until(() -> limit.inFlight() == 0);
			assertThat(limit.shed()).isOne();
			assertThat(statistics.count(Refusal.CONCURRENCY_LIMIT)).isOne();
			assertThat(statistics.count(Count.ACCEPTED)).isOne();
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void shutsDownGracefullyWithAGoAwayAfterTheRequestsInFlight(ServerTransport transport) throws Exception {
		TestServer server = transport.start(args());
		ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
		Http3Server http3 = server.context().getBean(Http3Server.class);
		HttpClient client = http3Client(server.port());
		TestApplication.closeGate();
		CompletableFuture<String> held = getLater(client, "/gate");
		await().atMost(TIMEOUT).until(() -> statistics.count(Count.IN_FLIGHT) == 1);
		CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
		await().atMost(TIMEOUT).until(() -> http3.report().state() == Http3State.STOPPING);
		assertThat(closed).isNotDone();
		TestApplication.openGate();
		assertThat(held.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("200 null opened");
		closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(http3.report().state()).isEqualTo(Http3State.STOPPED);
		assertThat(statistics.count(CloseReason.SHUTDOWN)).isOne();
		assertThat(statistics.count(Count.REQUESTS)).isOne();
		assertThat(statistics.snapshot().active()).isZero();
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void refusesAConnectionOverTheLimitAndCountsIt(ServerTransport transport) {
		try (TestServer server = transport.start(args("--zokio.connections.max=1"))) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			assertThat(get(http3Client(server.port()), "/plaintext")).startsWith("200");
			ConnectionProvider second = ConnectionProvider.create("http3-second", 1);
			try {
				assertThatException().isThrownBy(() -> get(http3Client(server.port(), second), "/plaintext"));
			}
			finally {
				second.disposeLater().block(TIMEOUT);
			}
			await().atMost(TIMEOUT).until(() -> statistics.count(CloseReason.REJECTED) == 1);
			assertThat(statistics.count(Count.ACCEPTED)).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void closesAConnectionThatStaysIdleAndCountsIt(ServerTransport transport) {
		try (TestServer server = transport.start(args("--zokio.connections.default-idle-timeout=1s"))) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			assertThat(get(http3Client(server.port()), "/plaintext")).startsWith("200");
			await().atMost(TIMEOUT).until(() -> statistics.count(CloseReason.IDLE_TIMEOUT) == 1);
			assertThat(statistics.snapshot().active()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void closesAConnectionWhoseHeaderSectionIsOverBootsLimit(ServerTransport transport) {
		try (TestServer server = transport.start(args("--server.max-http-request-header-size=12KB"))) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			assertThat(getWithHeader(server.port(), 10 * 1024)).isEqualTo("200");
			assertThatException().isThrownBy(() -> getWithHeader(server.port(), 14 * 1024));
			await().atMost(TIMEOUT).until(() -> statistics.count(CloseReason.ERROR) == 1);
			assertThat(statistics.count(Count.REQUESTS)).isEqualTo(2);
			assertThat(statistics.count(Count.DECODE_ERRORS)).as("as HTTP/1.1 counts a 431").isOne();
		}
	}

	private static String getWithHeader(int port, int size) {
		ConnectionProvider provider = ConnectionProvider.create("http3-header", 1);
		try {
			return http3Client(port, provider).headers((headers) -> headers.add("x-large", "a".repeat(size)))
				.get()
				.uri("/plaintext")
				.responseSingle((response, body) -> body.then(Mono.just(String.valueOf(response.status().code()))))
				.block(TIMEOUT);
		}
		finally {
			provider.disposeLater().block(TIMEOUT);
		}
	}

	@Test
	void servesAReloadedBundleToNewQuicConnections(@TempDir Path directory, CapturedOutput output) throws Exception {
		Path first = TestKeyMaterial.keyStore(directory, "first");
		Path second = TestKeyMaterial.keyStore(directory, "second");
		Path served = directory.resolve("served.p12");
		Files.copy(first, served);
		List<String> args = new ArrayList<>(TestKeyMaterial.reloadableBundle(served));
		args.add("--zokio.http3.enabled=true");
		try (TestServer server = TestServer.start(args.toArray(String[]::new))) {
			assertThat(http3Subject(server.port())).isEqualTo("CN=first");
			Path replacement = directory.resolve("replacement.p12");
			Files.copy(second, replacement);
			Files.move(replacement, served, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			await().atMost(Duration.ofSeconds(30)).until(() -> "CN=second".equals(http3Subject(server.port())));
			assertThat(output).contains("Zokio HTTP/3: reloaded the SSL bundle");
		}
	}

	/**
	 * Return the subject of the certificate the server shows a new QUIC connection.
	 */
	private static String http3Subject(int port) {
		AtomicReference<String> subject = new AtomicReference<>();
		X509ExtendedTrustManager recording = new X509ExtendedTrustManager() {

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
				subject.set(chain[0].getSubjectX500Principal().getName());
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
				checkServerTrusted(chain, authType);
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
				checkServerTrusted(chain, authType);
			}

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
			}

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}

		};
		ConnectionProvider provider = ConnectionProvider.create("http3-subject", 1);
		try {
			String answer = http3Client(port, provider)
				.secure((spec) -> spec.sslContext(
						Http3SslContextSpec.forClient().configure((builder) -> builder.trustManager(recording))))
				.get()
				.uri("/plaintext")
				.responseSingle((response, body) -> body.asString())
				.block(TIMEOUT);
			assertThat(answer).isEqualTo("Hello, World!");
			return subject.get();
		}
		finally {
			provider.disposeLater().block(TIMEOUT);
		}
	}

	@Test
	void servesWithoutHttp3AndSaysWhyWhenTheUdpPortIsTaken(CapturedOutput output) throws Exception {
		try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			try (TestServer server = TestServer.start(args("--server.port=" + port))) {
				Http3Report report = server.context().getBean(Http3Server.class).report();
				assertThat(report.state()).isEqualTo(Http3State.UNAVAILABLE);
				assertThat(report.stage()).isEqualTo(Stage.BIND);
				assertThat(report.cause()).containsIgnoringCase("address already in use");
				assertThat(output).contains("WARN").contains("Zokio HTTP/3: not serving, bind failed");
				assertThat(altSvc(Layout.HTTP_1_1_TLS, server.port())).isNull();
				JsonNode section = management(server).getJsonOnce("/actuator/zokio/http3");
				assertThat(section.get("state").asString()).isEqualTo("unavailable");
				assertThat(section.get("stage").asString()).isEqualTo("bind");
				assertThat(servingGauge(server)).isZero();
			}
		}
	}

	@Test
	void failsTheStartNamingThePropertyWhenHttp3IsRequiredAndCannotServe(CapturedOutput output) throws Exception {
		try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			assertThatException().isThrownBy(() -> TestServer
				.start(args("--server.port=" + taken.getLocalPort(), "--zokio.http3.required=true")).close());
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("HTTP/3 was required and could not be served: bind failed")
				.contains("zokio.http3.required=false");
		}
	}

	@Test
	void aServerWithoutTlsServesWithoutHttp3AndSaysWhy(CapturedOutput output) {
		try (TestServer server = TestServer.start("--zokio.http3.enabled=true")) {
			Http3Report report = server.context().getBean(Http3Server.class).report();
			assertThat(report.state()).isEqualTo(Http3State.UNAVAILABLE);
			assertThat(report.stage()).isEqualTo(Stage.INIT);
			assertThat(report.cause()).contains("the server has no TLS");
			assertThat(output).contains("Zokio HTTP/3: not serving, init failed");
		}
	}

	private static double servingGauge(TestServer server) {
		return server.context().getBean(MeterRegistry.class).get("zokio.http3.serving").gauge().value();
	}

	private static TestServer.Port management(TestServer server) {
		return new TestServer.Port(
				server.context().getEnvironment().getRequiredProperty("local.management.port", Integer.class));
	}

	private static String[] args(String... extra) {
		List<String> args = new ArrayList<>(List.of("--management.server.port=0", "--management.server.address=127.0.0.1"));
		args.addAll(List.of(extra));
		return TestHttp3.serverArgs(args.toArray(String[]::new));
	}

	/**
	 * Return an HTTP/3 client of the given port, on NIO: Reactor Netty's HTTP/3 client on io_uring
	 * (its default where io_uring loads) sent no request that completed here, whatever the server ran on.
	 * @param port the server's port
	 * @return the client
	 */
	static HttpClient http3Client(int port) {
		return http3Client(port, connections);
	}

	private static HttpClient http3Client(int port, ConnectionProvider provider) {
		return TestHttp3.client(port, clientLoops, provider);
	}

	/**
	 * GET a path on another thread, for a request the test holds while it looks at the server.
	 */
	private static CompletableFuture<String> getLater(HttpClient client, String path) {
		return Mono.fromCallable(() -> get(client, path)).subscribeOn(Schedulers.boundedElastic()).toFuture();
	}

	/**
	 * Post a body to {@code /size} and answer its response's status once the head arrives, whether or
	 * not the body was sent whole: the server refuses these bodies while they are still being sent.
	 */
	private static CompletableFuture<String> postLater(HttpClient client, Flux<String> body) {
		return client.post()
			.uri("/size")
			.send(ByteBufFlux.fromString(body))
			.response()
			.map((response) -> String.valueOf(response.status().code()))
			.toFuture();
	}

	private static @Nullable String altSvc(Layout layout, int port) throws IOException {
		Socket socket = layout.connect(port, Layout.sslContext());
		if (layout.http2()) {
			try (RawHttp2Connection connection = new RawHttp2Connection(socket, 10_000)) {
				RawHttp2Connection.Response response = connection.get("/plaintext");
				assertThat(response.status()).isEqualTo(200);
				return response.headers().get("alt-svc");
			}
		}
		try (RawHttpConnection connection = new RawHttpConnection(socket, 10_000)) {
			RawHttpConnection.Response response = connection.get("/plaintext");
			assertThat(response.status()).isEqualTo(200);
			return response.headers().get("alt-svc");
		}
	}

	private static String post(HttpClient client, String path, int bytes) {
		return client.post()
			.uri(path)
			.send(ByteBufFlux.fromString(Mono.just("a".repeat(bytes))))
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> (response.status().code() + " " + ((response.status().code() == 200) ? text : "")).trim()))
			.block(TIMEOUT);
	}

	private static String get(HttpClient client, String path) {
		return client.get()
			.uri(path)
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> response.status().code() + " " + response.responseHeaders().get("alt-svc") + " " + text))
			.block(TIMEOUT);
	}

}
