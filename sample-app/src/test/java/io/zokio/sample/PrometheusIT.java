package io.zokio.sample;

import java.io.IOException;
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
import static org.awaitility.Awaitility.await;

/**
 * The Prometheus rules and the Grafana dashboard in {@code docs/}, tested for real with Debian's
 * {@code prometheus} package: {@code promtool} checks the rules and runs their unit tests, then a
 * Prometheus on 127.0.0.1 scrapes the packaged sample app under a light load, loads the rules, and
 * answers every panel query of the dashboard and every recording rule with data.
 */
class PrometheusIT {

	private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

	private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void rulesPassPromtoolAndEveryDashboardQueryReturnsData(@TempDir Path directory) throws Exception {
		HostTools.assumeInstalled("prometheus", PrometheusServer.PROGRAM, PROMTOOL);
		Path rules = DOCS.resolve("prometheus/zokio-rules.yml");
		assertThat(run(DOCS.resolve("prometheus"), PROMTOOL.toString(), "check", "rules", rules.toString()))
			.contains("SUCCESS: 11 rules found");
		assertThat(run(DOCS.resolve("prometheus"), PROMTOOL.toString(), "test", "rules", "zokio-rules-test.yml"))
			.contains("SUCCESS");
		List<String> queries = dashboardQueries();
		assertThat(queries).hasSizeGreaterThanOrEqualTo(12);
		try (SampleAppProcess app = SampleAppProcess.start(List.of(), List.of("--zokio.overload.limit=gradient2"))) {
			int appPort = app.awaitPort();
			try (PrometheusServer prometheus = PrometheusServer.start(directory, HostTools.freePorts(1)[0], """
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
					""".formatted(rules, appPort))) {
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
						JsonNode answer = prometheus.query(expression);
						assertThat(answer.get("status").asString()).as(expression).isEqualTo("success");
						assertThat(answer.get("data").get("result").size()).as(expression).isPositive();
					}
				});
				JsonNode groups = prometheus.get("/api/v1/rules").get("data").get("groups");
				List<String> loaded = new ArrayList<>();
				for (JsonNode group : groups) {
					for (JsonNode rule : group.get("rules")) {
						loaded.add(rule.get("name").asString());
						assertThat(rule.get("health").asString()).as(rule.get("name").asString()).isEqualTo("ok");
					}
				}
				assertThat(loaded).hasSize(11)
					.contains("ZokioBufferPoolExhausted", "ZokioTransportFallback", "ZokioConnectionsRejected",
							"ZokioEventLoopBlocked", "ZokioLatencyHigh", "ZokioShedding");
				JsonNode up = prometheus.query("up{job=\"zokio-sample\"}").get("data").get("result");
				assertThat(up.get(0).get("value").get(1).asString()).isEqualTo("1");
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

	private static String run(Path directory, String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
