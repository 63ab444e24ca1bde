package io.zokio.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zokio.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The Prometheus rules and the Grafana dashboard in {@code docs/}, tested for real with Debian's
 * {@code prometheus} package: {@code promtool} checks the rules and runs their unit tests, then a
 * Prometheus on 127.0.0.1 scrapes the packaged sample app under a light load, loads the rules, and
 * answers every panel query of the dashboard and every recording rule with data.
 */
class PrometheusIT {

	private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

	private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

	private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void rulesPassPromtoolAndEveryDashboardQueryReturnsData(@TempDir Path directory) throws Exception {
		boolean installed = Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL);
		if (System.getenv("CI") != null) {
			assertThat(installed).as("CI installs prometheus (.ci/run)").isTrue();
		}
		assumeThat(installed).as("prometheus and promtool installed").isTrue();
		Path rules = DOCS.resolve("prometheus/zokio-rules.yml");
		assertThat(run(DOCS.resolve("prometheus"), PROMTOOL.toString(), "check", "rules", rules.toString()))
			.contains("SUCCESS: 9 rules found");
		assertThat(run(DOCS.resolve("prometheus"), PROMTOOL.toString(), "test", "rules", "zokio-rules-test.yml"))
			.contains("SUCCESS");
		List<String> queries = dashboardQueries();
		assertThat(queries).hasSizeGreaterThanOrEqualTo(12);
		try (SampleAppProcess app = SampleAppProcess.start(List.of(), List.of())) {
			int appPort = app.awaitPort();
			int prometheusPort = freePort();
			Path config = directory.resolve("prometheus.yml");
			Files.writeString(config, """
					global:
					  scrape_interval: 1s
					  evaluation_interval: 1s
					rule_files:
					  - %s
					scrape_configs:
					  - job_name: zokio-sample
					    metrics_path: /actuator/prometheus
					    static_configs:
					      - targets: ['127.0.0.1:%d']
					""".formatted(rules, appPort));
			Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
					"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort,
					"--log.level=warn")
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("prometheus.log").toFile())
				.start();
			try {
				TestHttp http = new TestHttp(appPort);
				List<String> expressions = new ArrayList<>(queries);
				expressions.addAll(List.of("zokio:requests:rate1m", "zokio:responses:rate1m",
						"zokio:requests_latency_seconds:p99_5m", "zokio:requests_refused:rate5m"));
				await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
					.ignoreExceptionsInstanceOf(IOException.class)
					.untilAsserted(() -> {
					assertThat(http.get("/plaintext").statusCode()).isEqualTo(200);
					assertThat(http.get("/delay?ms=2").statusCode()).isEqualTo(200);
					for (String expression : expressions) {
						JsonNode answer = query(prometheusPort, expression);
						assertThat(answer.get("status").asString()).as(expression).isEqualTo("success");
						assertThat(answer.get("data").get("result").size()).as(expression).isPositive();
					}
				});
				JsonNode groups = get(prometheusPort, "/api/v1/rules").get("data").get("groups");
				List<String> loaded = new ArrayList<>();
				for (JsonNode group : groups) {
					for (JsonNode rule : group.get("rules")) {
						loaded.add(rule.get("name").asString());
						assertThat(rule.get("health").asString()).as(rule.get("name").asString()).isEqualTo("ok");
					}
				}
				assertThat(loaded).hasSize(9)
					.contains("ZokioBufferPoolExhausted", "ZokioTransportFallback", "ZokioConnectionsRejected",
							"ZokioEventLoopBlocked", "ZokioLatencyHigh");
				JsonNode up = query(prometheusPort, "up{job=\"zokio-sample\"}").get("data").get("result");
				assertThat(up.get(0).get("value").get(1).asString()).isEqualTo("1");
			}
			finally {
				prometheus.destroy();
				if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
					prometheus.destroyForcibly();
				}
			}
		}
	}

	private static List<String> dashboardQueries() throws IOException {
		JsonNode dashboard = JSON.readTree(Files.readString(DOCS.resolve("grafana/zokio.json")));
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				queries.add(target.get("expr").asString());
			}
		}
		return queries;
	}

	private JsonNode query(int port, String expression) throws IOException, InterruptedException {
		return get(port, "/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
	}

	private JsonNode get(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

	private static String run(Path directory, String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
