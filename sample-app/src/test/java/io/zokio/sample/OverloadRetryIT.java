package io.zokio.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zokio.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two sample app instances behind a real HAProxy that retries a {@code 503} on another server, as
 * docs/overload.md advises ({@code retry-on 503}, {@code option redispatch}, and
 * {@code option http-buffer-request}, without which HAProxy may have passed a body on before the
 * {@code 503} and cannot replay it): the first instance, at its concurrency limit of one while a
 * request of its own holds the slot, sheds the request the balancer sends it, and the balancer
 * replays that request, a {@code POST} with a body, on the second instance, so that its client gets
 * the echo. Shedding leaves readiness alone: the shedding instance stays in rotation, and serves
 * again once its slot is free.
 */
class OverloadRetryIT {

	private static final String BODY = "replayed on the other instance";

	private static final String DEFAULTS = """
			defaults
			  mode http
			  timeout connect 2s
			  timeout client 30s
			  timeout server 30s
			  timeout check 2s
			  retries 1
			  option redispatch 1
			  option http-buffer-request
			  retry-on 503
			""";

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void aBalancerThatRetries503ReplaysARequestTheLimitShedOnAnotherInstance(@TempDir Path directory)
			throws Exception {
		HostTools.assumeInstalled("haproxy", Haproxy.PROGRAM);
		int[] ports = HostTools.freePorts(6);
		try (SampleAppProcess limited = start(ports[0], ports[1], "--zokio.overload.limit=fixed",
				"--zokio.overload.max-limit=1");
				SampleAppProcess other = start(ports[2], ports[3])) {
			limited.awaitPort();
			other.awaitPort();
			try (Haproxy haproxy = Haproxy.start(directory, DEFAULTS, backend(ports), ports[4], ports[5])) {
				await().atMost(Duration.ofSeconds(60)).until(() -> haproxy.upServers() == 2);
				CompletableFuture<HttpResponse<String>> held = this.client.sendAsync(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[0] + "/delay?ms=10000")).build(),
						HttpResponse.BodyHandlers.ofString());
				await().atMost(Duration.ofSeconds(30)).until(() -> overload(ports[1]).get("inFlight").asInt() == 1);

				HttpResponse<String> response = this.client.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[4] + "/echo"))
							.POST(HttpRequest.BodyPublishers.ofString(BODY))
							.build(),
						HttpResponse.BodyHandlers.ofString());

				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).isEqualTo(BODY);
				assertThat(overload(ports[1]).get("shed").asLong()).as("shed by the limited instance").isOne();
				assertThat(requests(ports[3])).as("served by the other instance").isOne();
				assertThat(haproxy.upServers()).as("the shedding instance stays in rotation").isEqualTo(2);
				assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
				assertThat(overload(ports[1]).get("inFlight").asInt()).isZero();
				assertThat(new TestHttp(ports[0]).get("/plaintext").statusCode()).as("its slot free again")
					.isEqualTo(200);
			}
		}
	}

	private static SampleAppProcess start(int port, int managementPort, String... overload) throws Exception {
		List<String> args = new ArrayList<>(List.of("--server.port=" + port,
				"--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
				"--management.endpoint.health.probes.enabled=true", "--zokio.buffer-pool.preallocate=4MB"));
		args.addAll(List.of(overload));
		return SampleAppProcess.start(List.of(), args);
	}

	private static String backend(int[] ports) {
		return """
				  balance first
				  option httpchk GET /actuator/health/readiness
				  http-check expect status 200
				  default-server inter 250ms fall 2 rise 2
				  server limited 127.0.0.1:%d check port %d
				  server other 127.0.0.1:%d check port %d
				""".formatted(ports[0], ports[1], ports[2], ports[3]);
	}

	private static JsonNode overload(int managementPort) throws Exception {
		return new TestHttp(managementPort).getJson("/actuator/zokio/overload");
	}

	private static long requests(int managementPort) throws Exception {
		return new TestHttp(managementPort).getJson("/actuator/zokio/requests").get("total").asLong();
	}

}
