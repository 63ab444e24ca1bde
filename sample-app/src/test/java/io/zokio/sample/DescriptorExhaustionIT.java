package io.zokio.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged sample application in a child JVM limited to 512 file descriptors, with no
 * connection limit, while 600 sockets connect to it, on each transport: accepting backs off (a
 * pause doubling from 5 ms to 1 s) instead of retrying at once, every failed accept is counted,
 * one WARN marks the episode, and the server serves again once the sockets close.
 */
class DescriptorExhaustionIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");

	private static final int SOCKETS = 600;

	private static final long FAILURES_OBSERVED = 8;

	private static final long FAILURES_BACKING_OFF = 12;

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void backsOffAcceptingCountsTheFailuresAndServesOnceDescriptorsAreBack(ServerTransport transport)
			throws Exception {
		String unavailability = transport.unavailability();
		assumeTrue(unavailability == null, unavailability);
		assertThat(Files.isExecutable(PRLIMIT)).as("prlimit (util-linux) installed").isTrue();
		List<String> appArgs = new ArrayList<>(transport.serverArgs());
		appArgs.add("--zokio.connections.max=-1");
		try (SampleAppProcess app = SampleAppProcess.start(List.of(PRLIMIT.toString(), "--nofile=512:512"), List.of(),
				appArgs)) {
			int port = app.awaitPort();
			try (RawHttpConnection watcher = new RawHttpConnection(port)) {
				assertThat(acceptFailures(watcher)).isZero();
				List<SocketChannel> sockets = connect(port);
				try {
					await().atMost(Duration.ofSeconds(30))
						.until(() -> acceptFailures(watcher) >= FAILURES_OBSERVED);
					assertThat(acceptFailures(watcher)).as("failed accepts while backing off")
						.isLessThanOrEqualTo(FAILURES_BACKING_OFF);
				}
				finally {
					for (SocketChannel socket : sockets) {
						socket.close();
					}
				}
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(new TestHttp(port).get("/plaintext").body()).isEqualTo("Hello, World!"));
			assertThat(app.output().split("Zokio: accepting a connection failed", -1)).as("one warning").hasSize(2);
			assertThat(app.output()).contains("Zokio: accepting connections again after");
		}
	}

	private static List<SocketChannel> connect(int port) throws IOException {
		List<SocketChannel> sockets = new ArrayList<>();
		for (int i = 0; i < SOCKETS; i++) {
			SocketChannel socket = SocketChannel.open();
			socket.configureBlocking(false);
			socket.connect(new InetSocketAddress("127.0.0.1", port));
			sockets.add(socket);
		}
		return sockets;
	}

	private static long acceptFailures(RawHttpConnection watcher) throws IOException {
		RawHttpConnection.Response response = watcher.get("/actuator/zokio/connections");
		assertThat(response.status()).isEqualTo(200);
		return JSON.readTree(response.body()).get("acceptFailures").asLong();
	}

}
