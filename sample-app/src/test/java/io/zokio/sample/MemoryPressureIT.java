package io.zokio.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.zokio.test.ServerTransport;
import io.zokio.test.TestHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged sample application in a child JVM whose direct memory (32 MiB) is too small for 200
 * concurrent 1 MiB uploads echoed back, on each transport: every upload is echoed whole, shed
 * with 503 or closed before the response head within seconds (never a {@code 200} head followed
 * by a cut body), each episode of pressure is logged once, no event loop dies (both loops answer
 * their watchdog's heartbeat afterwards, which a loop ended by an {@code Error} never does again),
 * and uploads one at a time, spread over both loops, are echoed whole afterwards. Leak detection is sampled ({@code advanced}) here: at the paranoid
 * level, recording every access of 200 MiB of buffers makes the wave itself take 20 to 30 seconds
 * on any transport, which would hide the stalls this test is for.
 */
class MemoryPressureIT {

	private static final int CLIENTS = 200;

	private static final int BODY_BYTES = 1024 * 1024;

	private static final long WAVE_SECONDS = 20;

	private static final int RECOVERY_UPLOADS = 20;

	private static final int LOOPS = 2;

	private static final String EPISODE_WARNING = "Zokio: direct memory is exhausted";

	private static final String NOT_READY = "readiness is now REFUSING_TRAFFIC: direct memory is exhausted";

	private static final String READY_AGAIN = "readiness is now ACCEPTING_TRAFFIC again";

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void shedsOrClosesWithinSecondsLogsTheEpisodeOnceAndRecovers(ServerTransport transport) throws Exception {
		String unavailability = transport.unavailability();
		assumeTrue(unavailability == null, unavailability);
		List<String> serverArgs = new ArrayList<>(transport.serverArgs());
		serverArgs.add("--zokio.transport.event-loop-threads=" + LOOPS);
		try (SampleAppProcess app = SampleAppProcess.start(List.of("-XX:MaxDirectMemorySize=32m", "-Dio.netty.leakDetection.level=advanced"),
				serverArgs)) {
			int port = app.awaitPort();
			Map<Outcome, Integer> pressed = wave(port);
			assertThat(pressed.get(Outcome.TRUNCATED)).as("200 heads followed by a cut body: %s", pressed).isZero();
			assertThat(pressed.get(Outcome.ECHOED) + pressed.get(Outcome.SHED) + pressed.get(Outcome.CLOSED))
				.as("uploads echoed, shed with 503 or closed before the head: %s", pressed)
				.isEqualTo(CLIENTS);
			for (int i = 0; i < RECOVERY_UPLOADS; i++) {
				assertThat(upload(port)).as("upload %s after the wave %s", i, pressed).isEqualTo(Outcome.ECHOED);
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode loops = new TestHttp(port).getJson("/actuator/zokio/eventLoops").get("loops");
				assertThat(loops.valueStream().toList()).as("every event loop answers its heartbeat: %s", loops)
					.hasSize(LOOPS)
					.allSatisfy((loop) -> assertThat(loop.get("blockedNow").asBoolean()).isFalse());
			});
			JsonNode pool = new TestHttp(port).getJson("/actuator/zokio/bufferPool");
			long episodes = pool.get("pressureEpisodes").asLong();
			if (pressed.get(Outcome.ECHOED) < CLIENTS) {
				assertThat(episodes).as("episodes of %s", pressed).isPositive();
			}
			if (episodes > 0) {
				await().atMost(Duration.ofSeconds(10)).until(() -> app.output().contains(READY_AGAIN));
			}
			String output = app.output();
			assertThat(output.split(EPISODE_WARNING, -1)).as("one warning an episode").hasSize((int) episodes + 1);
			int refusals = output.split(NOT_READY, -1).length - 1;
			assertThat(refusals).as("readiness refused at most once an episode, and in one at least")
				.isBetween((episodes > 0) ? 1 : 0, (int) episodes);
			assertThat(output.split(READY_AGAIN, -1)).as("readiness back after each refusal").hasSize(refusals + 1);
			assertThat(output).doesNotContain("Unexpected exception", "event executor terminated");
		}
	}

	private static Map<Outcome, Integer> wave(int port) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<Outcome>> uploads = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				uploads.add(clients.submit(() -> upload(port)));
			}
			Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
			for (Outcome outcome : Outcome.values()) {
				outcomes.put(outcome, 0);
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAVE_SECONDS);
			for (Future<Outcome> upload : uploads) {
				outcomes.merge(upload.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), 1,
						Integer::sum);
			}
			return outcomes;
		}
		finally {
			clients.shutdownNow();
		}
	}

	private static Outcome upload(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port));
			socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAVE_SECONDS));
			OutputStream out = socket.getOutputStream();
			out.write(("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
					+ "Content-Length: " + BODY_BYTES + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[BODY_BYTES]);
			out.flush();
			return response(socket.getInputStream());
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			return Outcome.CLOSED;
		}
	}

	private static Outcome response(InputStream in) throws IOException {
		String head = head(in);
		if (head == null) {
			return Outcome.CLOSED;
		}
		if (head.startsWith("HTTP/1.1 503 ")) {
			return Outcome.SHED;
		}
		assertThat(head).startsWith("HTTP/1.1 200 ");
		try {
			return echoedWhole(in, head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"))
					? Outcome.ECHOED : Outcome.TRUNCATED;
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			return Outcome.TRUNCATED;
		}
	}

	private static boolean echoedWhole(InputStream in, boolean chunked) throws IOException {
		byte[] chunk = new byte[64 * 1024];
		byte[] tail = new byte[5];
		long received = 0;
		int read;
		while ((read = in.read(chunk)) != -1) {
			received += read;
			int kept = Math.max(0, tail.length - read);
			System.arraycopy(tail, tail.length - kept, tail, 0, kept);
			System.arraycopy(chunk, read - (tail.length - kept), tail, kept, tail.length - kept);
			if (received >= BODY_BYTES
					&& (!chunked || new String(tail, StandardCharsets.US_ASCII).equals("0\r\n\r\n"))) {
				return true;
			}
		}
		return false;
	}

	private static String head(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		int b;
		while ((b = in.read()) != -1) {
			head.append((char) b);
			if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
				return head.toString();
			}
		}
		return null;
	}

	private enum Outcome {

		ECHOED, SHED, CLOSED, TRUNCATED

	}

}
