package io.zokio.autoconfigure;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.zokio.actuate.endpoint.ProxyProtocolDescriptor;
import io.zokio.actuate.endpoint.ZokioEndpoint;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatisticsSnapshot;
import io.zokio.test.Layout;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestResources;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PROXY protocol ({@code zokio.proxy-protocol}) on every transport and on HTTP/1.1 in cleartext,
 * over TLS (the header comes before the handshake) and on a server with h2c on: the application
 * sees the client's address from the header, Zokio's statistics never hold an address, and a
 * malformed, missing or stalled header closes the connection, counted as {@code proxyProtocol}, and
 * so does a header from a peer outside {@code zokio.proxy-protocol.trusted-sources}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProxyProtocolIntegrationTests {

	private static final Duration SETTLE = Duration.ofSeconds(10);

	private static final Duration HEADER_TIMEOUT = Duration.ofMillis(800);

	private static final String V1 = "PROXY TCP4 203.0.113.7 127.0.0.1 41234 443\r\n";

	private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	private final TestResources resources = new TestResources();

	@AfterEach
	void closeResources() throws Exception {
		this.resources.close();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("headers")
	void showsTheApplicationTheClientAddressFromTheHeader(ServerTransport transport, Layout layout, String version,
			String mode) throws Exception {
		TestServer server = start(transport, layout, mode);
		byte[] header = version.equals("v1") ? V1.getBytes(StandardCharsets.US_ASCII) : v2();
		try (RawHttpConnection connection = new RawHttpConnection(layout.connect(server.port(), header), 10_000)) {
			assertThat(connection.get("/remote").body()).isEqualTo("203.0.113.7:41234");
			assertThat(connection.get("/plaintext").status()).isEqualTo(200);
		}
		ConnectionStatistics statistics = statistics(server);
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.count(Count.REQUESTS)).isEqualTo(2);
		assertThat(statistics.count(CloseReason.CLIENT)).isOne();
		String report = JsonMapper.builder().build().writeValueAsString(statistics.snapshot());
		assertThat(report).doesNotContain("203.0.113.7", "127.0.0.1");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("layouts")
	void servesConnectionsWithoutAHeaderInAutoMode(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout, "auto");
		try (RawHttpConnection connection = new RawHttpConnection(layout.connect(server.port()), 10_000)) {
			assertThat(connection.get("/remote").body()).startsWith("127.0.0.1:");
		}
	}

	@ParameterizedTest(name = "{0} {1}: {2}")
	@MethodSource("badHeaders")
	void closesAndCountsAConnectionWhoseHeaderIsBadMissingOrStalled(ServerTransport transport, Layout layout,
			String name, String start) throws Exception {
		TestServer server = start(transport, layout, "on");
		ConnectionStatistics statistics = statistics(server);
		try (RawHttpConnection connection = new RawHttpConnection(
				new Socket(InetAddress.getLoopbackAddress(), server.port()), 10_000)) {
			connection.send(start);
			assertThat(connection.readResponse()).isNull();
			assertThat(connection.isClosedByServer()).isTrue();
		}
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		StatisticsSnapshot snapshot = statistics.snapshot();
		assertThat(snapshot.accepted()).isOne();
		assertThat(snapshot.closedBy().get(CloseReason.PROXY_PROTOCOL)).as(snapshot.closedBy().toString()).isOne();
		assertThat(snapshot.requests()).isZero();
		assertThat(snapshot.bytesRead()).isZero();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("modes")
	void refusesAndCountsAHeaderFromAPeerOutsideTheTrustedSources(ServerTransport transport, Layout layout,
			String mode) throws Exception {
		TestServer server = start(transport, layout, mode, "--zokio.proxy-protocol.trusted-sources=10.0.0.0/8,192.0.2.1");
		for (byte[] header : List.of(V1.getBytes(StandardCharsets.US_ASCII), v2())) {
			try (RawHttpConnection connection = new RawHttpConnection(layout.connect(server.port(), header), 10_000)) {
				connection.send("GET /remote HTTP/1.1\r\nHost: a\r\n\r\n");
				RawHttpConnection.Response response = connection.readResponseOrClose();
				if (response != null) {
					assertThat(response.status()).isEqualTo(400);
					assertThat(response.body()).contains("trusted source").doesNotContain("203.0.113.7");
				}
				assertThat(connection.isClosedByServer()).isTrue();
			}
		}
		ConnectionStatistics statistics = statistics(server);
		await().atMost(SETTLE).until(() -> statistics.active() == 0);
		assertThat(statistics.snapshot().closedBy().get(CloseReason.PROXY_PROTOCOL)).isEqualTo(2);
		assertThat(server.context().getBean(ZokioEndpoint.class).section("proxyProtocol"))
			.isEqualTo(new ProxyProtocolDescriptor(mode, List.of("10.0.0.0/8", "192.0.2.1"), 2));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("layouts")
	void takesTheHeaderOfATrustedSource(ServerTransport transport, Layout layout) throws Exception {
		TestServer server = start(transport, layout, "on", "--zokio.proxy-protocol.trusted-sources=10.0.0.0/8,127.0.0.0/8");
		try (RawHttpConnection connection = new RawHttpConnection(
				layout.connect(server.port(), V1.getBytes(StandardCharsets.US_ASCII)), 10_000)) {
			assertThat(connection.get("/remote").body()).isEqualTo("203.0.113.7:41234");
		}
		assertThat(server.context().getBean(ServerConnections.class).proxyProtocol().untrustedRefusals()).isZero();
	}

	@Test
	void warnsAtStartupWhenEveryPeersHeaderIsTakenAndSaysWhoseOtherwise(CapturedOutput output) {
		this.resources.add(TestServer.start("--zokio.proxy-protocol.mode=auto"));
		assertThat(output).contains("WARN").contains("Zokio PROXY protocol: auto, headers taken from every peer");
		this.resources.add(TestServer.start("--zokio.proxy-protocol.mode=on",
				"--zokio.proxy-protocol.trusted-sources=10.1.0.0/16"));
		assertThat(output).contains("Zokio PROXY protocol: on, headers taken only from [10.1.0.0/16]");
	}

	static Stream<Arguments> modes() {
		return matrix().flatMap((matrix) -> Stream.of("on", "auto")
			.map((mode) -> Arguments.of(matrix.get()[0], matrix.get()[1], mode)));
	}

	static Stream<Arguments> headers() {
		List<Arguments> arguments = new ArrayList<>();
		for (Arguments matrix : matrix().toList()) {
			for (String version : List.of("v1", "v2")) {
				for (String mode : List.of("on", "auto")) {
					arguments.add(Arguments.of(matrix.get()[0], matrix.get()[1], version, mode));
				}
			}
		}
		return arguments.stream();
	}

	static Stream<Arguments> layouts() {
		return matrix();
	}

	static Stream<Arguments> badHeaders() {
		List<Arguments> arguments = new ArrayList<>();
		for (ServerTransport transport : ServerTransport.values()) {
			arguments.add(Arguments.of(transport, Layout.HTTP_1_1, "malformed header", "PROXY GARBAGE here\r\n"));
			arguments.add(Arguments.of(transport, Layout.HTTP_1_1, "no header", "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"));
			arguments.add(Arguments.of(transport, Layout.HTTP_1_1, "stalled header", "PROXY TCP4 203.0"));
			arguments.add(Arguments.of(transport, Layout.HTTP_1_1, "nothing sent", ""));
		}
		return arguments.stream();
	}

	private static Stream<Arguments> matrix() {
		return ServerTransport.onEvery(List.of(Layout.HTTP_1_1, Layout.HTTP_1_1_TLS, Layout.HTTP_1_1_H2C_SERVER));
	}

	private static byte[] v2() {
		byte[] header = new byte[16 + 12];
		System.arraycopy(V2_SIGNATURE, 0, header, 0, V2_SIGNATURE.length);
		header[12] = 0x21;
		header[13] = 0x11;
		header[15] = 12;
		byte[] addresses = { (byte) 203, 0, 113, 7, 127, 0, 0, 1, (byte) (41234 >> 8), (byte) (41234 & 0xff), 0x01,
				(byte) 0xbb };
		System.arraycopy(addresses, 0, header, 16, addresses.length);
		return header;
	}

	private TestServer start(ServerTransport transport, Layout layout, String mode, String... more) {
		List<String> args = new ArrayList<>(layout.serverArgs());
		args.addAll(List.of(more));
		args.add("--zokio.proxy-protocol.mode=" + mode);
		args.add("--zokio.connections.request-header-timeout=" + HEADER_TIMEOUT.toMillis() + "ms");
		return this.resources.add(transport.start(args.toArray(String[]::new)));
	}

	private static ConnectionStatistics statistics(TestServer server) {
		return server.context().getBean(ConnectionStatistics.class);
	}

}
