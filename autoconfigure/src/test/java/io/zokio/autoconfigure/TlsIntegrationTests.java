package io.zokio.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.zokio.engine.pipeline.AlpnProtocol;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.TlsFailure;
import io.zokio.engine.pipeline.TlsVersion;
import io.zokio.engine.selection.Stage;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.tls.TlsProvider;
import io.zokio.engine.tls.TlsReport;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.test.Layout;
import io.zokio.test.RawHttp2Connection;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestKeyMaterial;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The TLS engine on every TLS implementation, transport and TLS layout (HTTP/1.1 without ALPN,
 * HTTP/1.1 and HTTP/2 chosen by ALPN), against real servers with real JDK TLS clients: each
 * implementation serves, each handshake is counted by version, ALPN choice and resumption, each
 * failure by its class of causes, the handshake deadline cuts a client that stalls, a reloaded
 * bundle serves new connections, and the selection is reported in the endpoint, health, info and
 * meters.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsIntegrationTests {

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(1500);

	private static final Duration SETTLE = Duration.ofSeconds(10);

	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private static final List<Layout> TLS_LAYOUTS = List.of(Layout.HTTP_1_1_TLS, Layout.HTTP_1_1_ALPN, Layout.H2_ALPN);

	private static final Map<String, TestServer> servers = new ConcurrentHashMap<>();

	@AfterAll
	static void stopServers() {
		servers.values().forEach(TestServer::close);
		servers.clear();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("everyProviderTransportAndLayout")
	void servesAndCountsEachHandshakeByVersionAndAlpnChoice(TlsProvider provider, ServerTransport transport,
			Layout layout) throws Exception {
		TestServer server = server(provider, transport, layout);
		ConnectionStatistics statistics = statistics(server);
		TlsReport report = server.context().getBean(TlsSelector.class).report();
		assertThat(report.provider()).isEqualTo(provider);
		assertThat(report.fallback()).isFalse();
		AlpnProtocol alpn = alpn(layout);
		long completed = statistics.count(Count.TLS_HANDSHAKES);
		long tls13 = statistics.count(TlsVersion.TLS_1_3);
		long chosen = statistics.count(alpn);
		long failed = failed(statistics);
		for (int i = 0; i < 2; i++) {
			assertThat(get(layout, server.port(), Layout.sslContext())).isEqualTo(200);
		}
		assertThat(statistics.count(Count.TLS_HANDSHAKES)).isEqualTo(completed + 2);
		assertThat(statistics.count(TlsVersion.TLS_1_3)).isEqualTo(tls13 + 2);
		assertThat(statistics.count(alpn)).isEqualTo(chosen + 2);
		assertThat(failed(statistics)).isEqualTo(failed);
		assertThat(statistics.snapshot().tls().latency().count()).isPositive();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("everyProviderTransportAndLayout")
	void resumesTheSessionOfAnEarlierConnectionAndCountsIt(TlsProvider provider, ServerTransport transport,
			Layout layout) throws Exception {
		TestServer server = server(provider, transport, layout);
		ConnectionStatistics statistics = statistics(server);
		SSLContext client = Layout.sslContext();
		long completed = statistics.count(Count.TLS_HANDSHAKES);
		long resumed = statistics.count(Count.TLS_RESUMED);
		assertThat(get(layout, server.port(), client)).isEqualTo(200);
		assertThat(statistics.count(Count.TLS_RESUMED)).isEqualTo(resumed);
		assertThat(get(layout, server.port(), client)).isEqualTo(200);
		assertThat(statistics.count(Count.TLS_HANDSHAKES)).isEqualTo(completed + 2);
		assertThat(statistics.count(Count.TLS_RESUMED)).isEqualTo(resumed + 1);
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("everyProviderTransportAndLayout")
	void countsEachFailedHandshakeByItsCauseAndClosesItAsTlsWithoutAWarning(TlsProvider provider,
			ServerTransport transport, Layout layout, CapturedOutput output) throws Exception {
		TestServer server = server(provider, transport, layout);
		int logged = output.getOut().length();
		ConnectionStatistics statistics = statistics(server);
		int port = server.port();
		failsWith(statistics, TlsFailure.PROTOCOL, () -> {
			try (Socket socket = connect(port)) {
				socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes());
				awaitClosedByServer(socket);
			}
		});
		failsWith(statistics, TlsFailure.CIPHER, () -> assertThatExceptionOfType(SSLException.class)
			.isThrownBy(() -> handshake(port, Layout.sslContext(), "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")));
		failsWith(statistics, TlsFailure.CERTIFICATE, () -> assertThatExceptionOfType(SSLException.class)
			.isThrownBy(() -> handshake(port, SSLContext.getDefault(), null, null)));
		failsWith(statistics, TlsFailure.CERTIFICATE, () -> opensslClientFails(port, "-verify_return_error"));
		failsWith(statistics, TlsFailure.CIPHER, () -> opensslClientFails(port, "-tls1_2", "-cipher", "AES128-SHA"));
		failsWith(statistics, TlsFailure.CLIENT_ABORT, () -> connect(port).close());
		failsWith(statistics, TlsFailure.CLIENT_ABORT, () -> {
			try (Socket socket = connect(port)) {
				byte[] hello = clientHello(port);
				socket.getOutputStream().write(Arrays.copyOf(hello, hello.length / 2));
			}
		});
		failsWith(statistics, TlsFailure.CLIENT_ABORT, () -> {
			try (Socket socket = connect(port)) {
				socket.getOutputStream().write(clientHello(port));
				assertThat(socket.getInputStream().read()).as("the server's first handshake byte").isNotNegative();
			}
		});
		failsWith(statistics, TlsFailure.TIMEOUT, () -> {
			try (Socket socket = connect(port)) {
				awaitClosedByServer(socket);
			}
		});
		failsWith(statistics, TlsFailure.TIMEOUT, () -> {
			try (Socket socket = connect(port)) {
				socket.getOutputStream().write(clientHello(port));
				awaitClosedByServer(socket);
			}
		});
		String duringFailures = output.getOut().substring(logged);
		assertThat(duringFailures).as("what the server logged for 10 failed handshakes")
			.doesNotContain(" WARN ", " ERROR ", "\tat ");
	}

	@ParameterizedTest
	@EnumSource(TlsProvider.class)
	void servesAReloadedBundleToNewConnectionsWithTheSameImplementation(TlsProvider provider, @TempDir Path directory,
			CapturedOutput output) throws Exception {
		Path first = TestKeyMaterial.keyStore(directory, "first");
		Path second = TestKeyMaterial.keyStore(directory, "second");
		Path served = directory.resolve("served.p12");
		Files.copy(first, served);
		List<String> args = new ArrayList<>(TestKeyMaterial.reloadableBundle(served));
		args.addAll(List.of("--server.http2.enabled=true", "--zokio.tls.provider=" + provider.id(),
				"--zokio.tls.require-native=" + provider.isNative()));
		try (TestServer server = TestServer.start(args.toArray(String[]::new))) {
			assertThat(subject(server.port())).isEqualTo("CN=first");
			Path replacement = directory.resolve("replacement.p12");
			Files.copy(second, replacement);
			Files.move(replacement, served, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			await().atMost(Duration.ofSeconds(30)).until(() -> "CN=second".equals(subject(server.port())));
			assertThat(server.context().getBean(TlsSelector.class).report().provider()).isEqualTo(provider);
			assertThat(output).contains("Zokio TLS: reloaded the SSL bundle");
			assertThat(get(Layout.H2_ALPN, server.port(), trustingAny())).isEqualTo(200);
		}
	}

	@Test
	void servesWithTheJdkAloneWhenAsked() {
		try (TestServer server = TestServer.start(args(Layout.HTTP_1_1_ALPN, "--zokio.tls.provider=jdk"))) {
			TlsReport report = server.context().getBean(TlsSelector.class).report();
			assertThat(report.provider()).isEqualTo(TlsProvider.JDK);
			assertThat(report.attempts()).hasSize(1);
			assertThat(report.library()).startsWith("SunJSSE");
		}
	}

	@Test
	void fallsBackToTheJdkWhenOpenSslRefusesACipherAndSaysWhy(CapturedOutput output) throws Exception {
		try (TestServer server = TestServer.start(args(Layout.HTTP_1_1_TLS, "--zokio.tls.provider=openssl",
				"--server.ssl.enabled-protocols=TLSv1.2", "--server.ssl.ciphers=" + BORINGSSL_LACKS))) {
			TlsReport report = server.context().getBean(TlsSelector.class).report();
			assertThat(report.provider()).isEqualTo(TlsProvider.JDK);
			assertThat(report.fallback()).isTrue();
			assertThat(report.failures()).singleElement().satisfies((attempt) -> {
				assertThat(attempt.candidate()).isEqualTo(TlsProvider.OPENSSL);
				assertThat(attempt.stage()).isEqualTo(Stage.INIT);
			});
			assertThat(output).contains("WARN").contains("Requested TLS implementation openssl could not be used");
			assertThat(get(Layout.HTTP_1_1_TLS, server.port(), Layout.sslContext())).isEqualTo(200);
		}
	}

	@Test
	void failsStartupWithBootsReportWhenNativeTlsIsRequiredAndUnusable(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.start(args(Layout.HTTP_1_1_TLS,
				"--zokio.tls.require-native=true", "--server.ssl.enabled-protocols=TLSv1.2",
				"--server.ssl.ciphers=" + BORINGSSL_LACKS)).close());
		assertThat(output.toString()).contains("APPLICATION FAILED TO START")
			.contains("Native TLS is required (zokio.tls.require-native=true) but could not be used:")
			.contains("openssl failed at init")
			.contains("zokio.tls.require-native=false")
			.doesNotContain("\tat ");
	}

	@Test
	void failsStartupWithBootsReportWhenNoImplementationCanServe(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.start(args(Layout.HTTP_1_1_TLS,
				"--server.ssl.enabled-protocols=TLSv1")).close());
		assertThat(output.toString()).contains("APPLICATION FAILED TO START")
			.contains("No TLS implementation could serve the server's SSL configuration:")
			.contains("openssl failed at handshake")
			.contains("jdk failed at handshake")
			.doesNotContain("\tat ");
	}

	@ParameterizedTest
	@EnumSource(TlsProvider.class)
	void reportsTheSelectionAndTheHandshakesInTheEndpointHealthInfoAndMeters(TlsProvider provider) throws Exception {
		try (TestServer server = TestServer.start("--spring.ssl.bundle.jks.zokio.keystore.location=classpath:zokio-test.p12",
				"--spring.ssl.bundle.jks.zokio.keystore.password=changeit",
				"--spring.ssl.bundle.jks.zokio.keystore.type=PKCS12", "--server.ssl.bundle=zokio",
				"--server.http2.enabled=true", "--zokio.tls.provider=" + provider.id(), "--management.server.port=0",
				"--management.server.address=127.0.0.1", "--management.server.ssl.enabled=false",
				"--management.endpoint.health.show-details=always",
				"--management.info.ssl.enabled=true")) {
			assertThat(get(Layout.H2_ALPN, server.port(), Layout.sslContext())).isEqualTo(200);
			TestServer.Port management = new TestServer.Port(
					server.context().getEnvironment().getRequiredProperty("local.management.port", Integer.class));
			JsonNode tls = management.getJsonOnce("/actuator/zokio/tls");
			assertThat(tls.get("provider").asString()).isEqualTo(provider.id());
			assertThat(tls.get("requested").asString()).isEqualTo(provider.id());
			assertThat(tls.get("selfHandshake").get("applicationProtocol").asString()).isEqualTo("h2");
			assertThat(tls.get("attempts").get(0).get("outcome").asString()).isEqualTo("selected");
			assertThat(tls.get("handshakes").get("completed").asLong()).isOne();
			assertThat(tls.get("handshakes").get("alpn").get("h2").asLong()).isOne();
			assertThat(tls.get("handshakes").get("failedBy").get("timeout").asLong()).isZero();
			assertThat(tls.get("handshakes").get("latency").get("count").asLong()).isOne();
			JsonNode health = management.getJsonOnce("/actuator/health");
			assertThat(health.get("components").get("zokio").get("details").get("tls").get("provider").asString())
				.isEqualTo(provider.id());
			assertThat(health.get("components").get("ssl").get("status").asString()).isEqualTo("UP");
			JsonNode info = management.getJsonOnce("/actuator/info");
			assertThat(info.get("zokio").get("tls").get("provider").asString()).isEqualTo(provider.id());
			assertThat(info.get("ssl").get("bundles").get(0).get("name").asString()).isEqualTo("zokio");
			JsonNode handshakes = management
				.getJsonOnce("/actuator/metrics/zokio.tls.handshakes?tag=outcome:success&tag=cause:none");
			assertThat(handshakes.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
			JsonNode alpn = management.getJsonOnce("/actuator/metrics/zokio.tls.alpn?tag=protocol:h2");
			assertThat(alpn.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
			JsonNode latency = management.getJsonOnce("/actuator/metrics/zokio.tls.handshake.latency");
			assertThat(latency.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
			JsonNode selected = management.getJsonOnce("/actuator/metrics/zokio.tls.provider?tag=provider:"
					+ provider.id() + "&tag=requested:" + provider.id() + "&tag=fallback:false");
			assertThat(selected.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
		}
	}

	/**
	 * A cipher suite the JDK offers and BoringSSL removed: with TLS 1.2 alone, OpenSSL refuses the
	 * configuration at its init stage while the JDK serves it.
	 */
	private static final String BORINGSSL_LACKS = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384";

	static Stream<Arguments> everyProviderTransportAndLayout() {
		return Stream.of(TlsProvider.values())
			.flatMap((provider) -> ServerTransport.onEvery(TLS_LAYOUTS)
				.map((arguments) -> Arguments.of(provider, arguments.get()[0], arguments.get()[1])));
	}

	private static TestServer server(TlsProvider provider, ServerTransport transport, Layout layout) {
		String key = provider + " " + transport + " " + layout;
		TestServer server = servers.get(key);
		if (server == null) {
			server = transport.start(args(layout, "--zokio.tls.provider=" + provider.id(),
					"--zokio.tls.require-native=" + provider.isNative()));
			servers.put(key, server);
		}
		return server;
	}

	private static String[] args(Layout layout, String... extra) {
		List<String> args = new ArrayList<>(layout.serverArgs());
		args.add("--zokio.tls.handshake-timeout=" + HANDSHAKE_TIMEOUT.toMillis() + "ms");
		args.addAll(List.of(extra));
		return args.toArray(String[]::new);
	}

	private static ConnectionStatistics statistics(TestServer server) {
		return server.context().getBean(ConnectionStatistics.class);
	}

	private static AlpnProtocol alpn(Layout layout) {
		return switch (layout) {
			case HTTP_1_1_ALPN -> AlpnProtocol.HTTP_1_1;
			case H2_ALPN -> AlpnProtocol.H2;
			default -> AlpnProtocol.NONE;
		};
	}

	private static long failed(ConnectionStatistics statistics) {
		return Stream.of(TlsFailure.values()).mapToLong(statistics::count).sum();
	}

	/**
	 * GET {@code /plaintext} over a connection of its own, through the layout's protocol.
	 */
	private static int get(Layout layout, int port, SSLContext client) throws IOException {
		Socket socket = layout.connect(port, client);
		if (layout.http2()) {
			try (RawHttp2Connection connection = new RawHttp2Connection(socket, READ_TIMEOUT_MILLIS)) {
				return connection.get("/plaintext").status();
			}
		}
		try (RawHttpConnection connection = new RawHttpConnection(socket, READ_TIMEOUT_MILLIS)) {
			return connection.get("/plaintext").status();
		}
	}

	private static void failsWith(ConnectionStatistics statistics, TlsFailure cause, ThrowingRunnable client)
			throws Exception {
		long before = statistics.count(cause);
		long failed = failed(statistics);
		long closed = statistics.count(CloseReason.TLS);
		client.run();
		await().atMost(SETTLE).until(() -> failed(statistics) > failed);
		assertThat(statistics.count(cause)).as(cause.id()).isEqualTo(before + 1);
		assertThat(failed(statistics)).isEqualTo(failed + 1);
		await().atMost(SETTLE).until(() -> statistics.count(CloseReason.TLS) == closed + 1);
	}

	/**
	 * Run {@code openssl s_client} against the server with the given options, as {@code echo |
	 * openssl s_client ...} would, and expect its handshake to fail.
	 */
	private static void opensslClientFails(int port, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
		command.addAll(List.of(options));
		Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
		client.getOutputStream().close();
		String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(client.waitFor(10, TimeUnit.SECONDS)).as(output).isTrue();
		assertThat(client.exitValue()).as(output).isNotZero();
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout(READ_TIMEOUT_MILLIS);
		return socket;
	}

	private static void awaitClosedByServer(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[4096];
		try {
			while (in.read(buffer) >= 0) {
				// the server's alert or handshake records, until it closes
			}
		}
		catch (SocketException ex) {
			assertThat(ex.getMessage()).contains("reset");
		}
	}

	private static void handshake(int port, SSLContext context, String protocol, String cipher) throws IOException {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
			.createSocket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			if (protocol != null) {
				socket.setEnabledProtocols(new String[] { protocol });
				socket.setEnabledCipherSuites(new String[] { cipher });
			}
			socket.startHandshake();
			socket.getInputStream().read();
		}
	}

	private static byte[] clientHello(int port) throws SSLException {
		SSLEngine engine = Layout.sslContext().createSSLEngine("localhost", port);
		engine.setUseClientMode(true);
		ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
		engine.wrap(ByteBuffer.allocate(0), hello);
		hello.flip();
		byte[] bytes = new byte[hello.remaining()];
		hello.get(bytes);
		return bytes;
	}

	private static String subject(int port) throws Exception {
		try (SSLSocket socket = (SSLSocket) trustingAny().getSocketFactory()
			.createSocket(InetAddress.getLoopbackAddress(), port)) {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setApplicationProtocols(new String[] { "http/1.1" });
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
				.getName();
		}
	}

	private static SSLContext trustingAny() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
		return context;
	}

	@FunctionalInterface
	private interface ThrowingRunnable {

		void run() throws Exception;

	}

}
