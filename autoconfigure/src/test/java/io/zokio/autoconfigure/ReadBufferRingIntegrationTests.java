package io.zokio.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.ReadBufferRing;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer pool lent to io_uring as its read buffer ring, on a real server: registered on
 * io_uring only, sized from the pool, and, when far smaller than the uploads under way, reading
 * every upload whole through buffers it takes from the pool again and again. Whether the kernel
 * finds a small ring empty depends on how many reads complete at once, so the exhaustion path is
 * proven with Netty's own event in {@code ReadBufferExhaustionTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadBufferRingIntegrationTests {

	private static final String EXHAUSTED = "read buffer ring (16 buffers of 1024 bytes) is exhausted";

	private static final int UPLOADS = 32;

	private static final int UPLOAD_BYTES = 128 * 1024;

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void lendsThePoolToIoUringReadsOnly(ServerTransport transport) throws Exception {
		try (TestServer server = transport.start("--zokio.buffer-pool.preallocate=16MB",
				"--zokio.transport.event-loop-threads=2")) {
			try (RawHttpConnection connection = server.connect()) {
				assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			}
			ReadBufferRing ring = server.context().getBean(BufferPool.class).readBufferRing();
			JsonNode section = server.getJsonOnce("/actuator/zokio/bufferPool").get("ring");
			if (transport != ServerTransport.IO_URING) {
				assertThat(section.isNull()).as("ring on %s", transport).isTrue();
				assertThat(ring.taken()).isZero();
				return;
			}
			assertThat(section.get("buffers").asInt()).as("16MB / 2 / 2 arenas / 8KB").isEqualTo(512);
			assertThat(section.get("bufferSize").asInt()).isEqualTo(8 * 1024);
			assertThat(section.get("taken").asLong()).as("a first batch on each of the 2 loops")
				.isGreaterThanOrEqualTo(32);
			assertThat(section.get("exhaustions").asLong()).isZero();
		}
	}

	@Test
	void isNotRegisteredWhenTurnedOff() throws Exception {
		try (TestServer server = ServerTransport.IO_URING.start("--zokio.buffer-pool.ring.enabled=false")) {
			try (RawHttpConnection connection = server.connect()) {
				assertThat(connection.get("/plaintext").status()).isEqualTo(200);
			}
			assertThat(server.context().getBean(BufferPool.class).readBufferRing()).isNull();
			assertThat(server.getJsonOnce("/actuator/zokio/bufferPool").get("ring").isNull()).isTrue();
		}
	}

	@Test
	void echoesEveryUploadWholeThroughARingFarSmallerThanTheUploads(CapturedOutput output) throws Exception {
		try (TestServer server = ServerTransport.IO_URING.start("--zokio.buffer-pool.ring.buffers=16",
				"--zokio.buffer-pool.ring.buffer-size=1KB")) {
			List<String> bodies = uploads(server);
			assertThat(bodies).hasSize(UPLOADS).allSatisfy((body) -> assertThat(body).hasSize(UPLOAD_BYTES));
			JsonNode ring = server.getJsonOnce("/actuator/zokio/bufferPool").get("ring");
			assertThat(ring.get("taken").asLong()).as("%s: every 1KB of the uploads read through the ring", ring)
				.isGreaterThanOrEqualTo((long) UPLOADS * UPLOAD_BYTES / 1024);
			long episodes = ring.get("episodes").asLong();
			assertThat(output.getOut().split(Pattern.quote(EXHAUSTED), -1)).as("one warning an episode: %s", ring)
				.hasSize((int) episodes + 1);
		}
	}

	private static List<String> uploads(TestServer server) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(UPLOADS);
		try {
			List<Future<String>> uploads = new ArrayList<>();
			for (int i = 0; i < UPLOADS; i++) {
				uploads.add(clients.submit(() -> upload(server)));
			}
			List<String> bodies = new ArrayList<>();
			for (Future<String> upload : uploads) {
				bodies.add(upload.get(60, TimeUnit.SECONDS));
			}
			return bodies;
		}
		finally {
			clients.shutdownNow();
		}
	}

	private static String upload(TestServer server) throws Exception {
		try (RawHttpConnection connection = server.connect()) {
			connection.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
					+ "Content-Length: " + UPLOAD_BYTES + "\r\n\r\n" + "z".repeat(UPLOAD_BYTES));
			RawHttpConnection.Response response = connection.readResponse();
			assertThat(response.status()).isEqualTo(200);
			return response.body();
		}
	}

}
