package io.zokio.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.zokio.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample application, started with its defaults, answering a real client; and its
 * startup log, with java.nio open to Netty (as the jar's manifest and the application open it) and
 * closed.
 */
class SampleApplicationIT {

	private static final String JAVA_NIO_CLOSED = "open java.nio to Netty";

	private static SampleAppProcess app;

	private static TestHttp http;

	private static int port;

	@BeforeAll
	static void start() throws Exception {
		app = SampleAppProcess.start(List.of(), List.of());
		port = app.awaitPort();
		http = new TestHttp(port);
	}

	@AfterAll
	static void stop() throws Exception {
		app.close();
	}

	@Test
	void servesPlaintext() throws Exception {
		HttpResponse<String> response = http.get("/plaintext");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).isEqualTo("Hello, World!");
	}

	@Test
	void servesJson() throws Exception {
		assertThat(http.getJson("/json").get("message").asString()).isEqualTo("Hello, World!");
	}

	@Test
	void echoesTheRequestBody() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("ping ".repeat(10_000)))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).isEqualTo("ping ".repeat(10_000));
	}

	@Test
	void delaysAndServesLargeResponses() throws Exception {
		assertThat(http.get("/delay?ms=20").body()).isEqualTo("delayed 20 ms");
		HttpResponse<String> bytes = http.get("/bytes?size=1000000");
		assertThat(bytes.body()).hasSize(1_000_000);
		assertThat(http.get("/bytes?size=-1").statusCode()).isEqualTo(400);
		assertThat(http.get("/delay?ms=abc").statusCode()).isEqualTo(400);
	}

	@Test
	void prometheusScrapeShowsTheZokioMeters() throws Exception {
		assertThat(http.get("/plaintext").statusCode()).isEqualTo(200);
		String scrape = http.get("/actuator/prometheus").body();
		assertThat(scrape).contains("zokio_requests_total", "zokio_connections_active",
				"zokio_connections_states{state=\"idle\"}", "zokio_connections_closed_total{reason=\"idleTimeout\"}",
				"zokio_responses_total{status=\"2xx\"}", "zokio_data_read_bytes_total",
				"zokio_requests_latency_seconds_bucket{le=\"1.0E-4\"}",
				"zokio_requests_latency_seconds_bucket{le=\"0.001048576\"}",
				"zokio_requests_latency_seconds_count", "zokio_requests_latency_seconds_sum", "zokio_connections_accept_failures_total");
		assertThat(scrape).doesNotContain("127.0.0.1");
		assertThat(scrape.lines().filter((line) -> line.startsWith("netty_allocator_pooled_arenas{")))
			.isNotEmpty()
			.allMatch((line) -> line.contains("allocator_type=\"BufferPoolAllocator\"") && line.contains("id=\"2054122345\""));
		List<String> names = scrape.lines()
			.filter((line) -> line.startsWith("zokio_"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.distinct()
			.toList();
		assertThat(names).hasSizeGreaterThan(10);
		for (String name : names) {
			for (String word : name.split("_")) {
				assertThat(name.split("_" + word + "(?=_|$)", -1)).as("%s repeats %s", name, word).hasSizeLessThanOrEqualTo(2);
			}
		}
	}

	@Test
	void reportsTheNativeTransportItRunsOn() throws Exception {
		String name = http.getJson("/actuator/zokio/transport").get("name").asString();
		assertThat(name).isIn("epoll", "io_uring", "kqueue", "nio");
		JsonNode health = http.getJson("/actuator/health");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("zokio").get("details").get("transport").asString()).isEqualTo(name);
		assertThat(http.getJson("/actuator/info").get("zokio").get("transport").get("name").asString())
			.isEqualTo(name);
	}

	@Test
	void logsItsPoolInReadableSizesAndFindsJavaNioOpen() {
		assertThat(app.output()).contains("Zokio buffer pool: direct, 16MB of 16MB pre-allocated in 4 chunks of 4MB")
			.doesNotContain(JAVA_NIO_CLOSED);
	}

	@Test
	void warnsWithTheFixWhenJavaNioIsNotOpenToNetty() throws Exception {
		try (SampleAppProcess closed = SampleAppProcess.start(List.of("-Dio.netty.tryReflectionSetAccessible=false"),
				List.of())) {
			closed.awaitPort();
			assertThat(closed.output()).contains(JAVA_NIO_CLOSED,
					"--add-opens java.base/java.nio=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true");
		}
	}

}
