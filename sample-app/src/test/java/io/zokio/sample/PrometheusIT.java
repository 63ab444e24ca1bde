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
 * Prometheus on 127.0.0.1 scrapes two packaged sample apps, one over TLS, as two jobs under a light
 * load, loads the rules, and answers every panel query of the dashboard (with every job, application
 * and instance selected, as Grafana sends them) and every recording rule with data; the job variable
 * scopes a query to one of them, and so does the application variable to the app tagged with one
 * ({@code management.metrics.tags.application}).
 */
class PrometheusIT {

	private static final String TLS_APPLICATION = "zokio-sample-tls";

	private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

	private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void rulesPassPromtoolAndEveryDashboardQueryReturnsData(@TempDir Path directory) throws Exception {
		HostTools.assumeInstalled("prometheus", PrometheusServer.PROGRAM, PROMTOOL);
		Path rules = DOCS.resolve("prometheus/zokio-rules.yml");
		assertThat(run(DOCS.resolve("prometheus"), PROMTOOL.toString(), "check", "rules", rules.toString()))
			.contains("SUCCESS: 13 rules found");
		assertThat(run(DOCS.resolve("prometheus"), PROMTOOL.toString(), "test", "rules", "zokio-rules-test.yml"))
			.contains("SUCCESS");
		List<String> queries = dashboardQueries();
		assertThat(queries).hasSizeGreaterThanOrEqualTo(16);
		Path keystore = directory.resolve("tls.p12");
		run(directory, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias",
				"zokio", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit");
		try (SampleAppProcess app = SampleAppProcess.start(List.of(), List.of("--zokio.overload.limit=gradient2"));
				SampleAppProcess tls = SampleAppProcess.start(List.of(), List.of("--server.ssl.key-store=" + keystore,
						"--server.ssl.key-store-password=changeit", "--server.ssl.key-store-type=PKCS12",
						"--zokio.http3.enabled=true", "--management.metrics.tags.application=" + TLS_APPLICATION))) {
			int appPort = app.awaitPort();
			int tlsPort = tls.awaitPort();
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
					  - job_name: zokio-sample-tls
					    scheme: https
					    tls_config:
					      insecure_skip_verify: true
					    metrics_path: /actuator/prometheus
					    static_configs:
					      - targets: ['127.0.0.1:%d']
					""".formatted(rules, appPort, tlsPort))) {
				TestHttp http = new TestHttp(appPort);
				List<String> expressions = new ArrayList<>(queries);
				expressions.addAll(List.of("zokio:requests:rate1m", "zokio:responses:rate1m",
						"zokio:requests_latency_seconds:p99_5m", "zokio:requests_head_seconds:p99_5m",
						"zokio:requests_refused:rate5m"));
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
				assertThat(loaded).hasSize(13)
					.contains("ZokioBufferPoolExhausted", "ZokioTransportFallback", "ZokioConnectionsRejected",
							"ZokioEventLoopBlocked", "ZokioLatencyHigh", "ZokioShedding", "ZokioHttp3NotServing");
				JsonNode up = prometheus.query("up{job=\"zokio-sample\"}").get("data").get("result");
				assertThat(up.get(0).get("value").get(1).asString()).isEqualTo("1");
				assertThat(series(prometheus, "zokio_transport{job=~\".*\",instance=~\".*\"}")).as("every job").isEqualTo(2);
				JsonNode http3 = prometheus.query("zokio_http3_serving").get("data").get("result");
				assertThat(http3.size()).as("HTTP/3 on the TLS instance only").isOne();
				assertThat(http3.get(0).get("value").get(1).asString()).isEqualTo("1");
				assertThat(series(prometheus, "zokio_transport{job=~\"zokio-sample-tls\",instance=~\".*\"}")).as("one job")
					.isOne();
				assertThat(series(prometheus, "zokio_transport{job=~\".*\",application=~\"" + TLS_APPLICATION + "\"}"))
					.as("one application").isOne();
			}
		}
	}

	/**
	 * Return the dashboard's queries as Grafana sends them with every job, application and instance
	 * selected, after checking that the dashboard can be provisioned from its file as it is (no
	 * {@code __inputs}) and that every panel follows the data source, job, application and instance
	 * variables.
	 */
	private static List<String> dashboardQueries() throws IOException {
		JsonNode dashboard = JSON.readTree(Files.readString(DOCS.resolve("grafana/zokio.json")));
		assertThat(dashboard.has("__inputs")).as("__inputs, which file provisioning cannot fill").isFalse();
		List<String> queries = new ArrayList<>();
		for (JsonNode variable : dashboard.get("templating").get("list")) {
			JsonNode query = variable.get("query");
			if (query.isObject()) {
				queries.add(query.get("query").asString().replaceAll("label_values\\((.*), [a-z]+\\)", "$1"));
			}
		}
		assertThat(dashboard.get("templating").get("list").valueStream().map((variable) -> variable.get("name").asString()))
			.containsExactly("datasource", "job", "application", "instance");
		for (JsonNode panel : dashboard.get("panels")) {
			assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("${datasource}");
			for (JsonNode target : panel.get("targets")) {
				String expression = target.get("expr").asString();
				assertThat(expression).as(panel.get("title").asString())
					.contains("job=~\"$job\"", "application=~\"$application\"", "instance=~\"$instance\"");
				queries.add(expression);
			}
		}
		return queries.stream()
			.map((query) -> query.replace("$job", ".*").replace("$application", ".*").replace("$instance", ".*"))
			.toList();
	}

	private static int series(PrometheusServer prometheus, String expression) throws Exception {
		return prometheus.query(expression).get("data").get("result").size();
	}

	private static String run(Path directory, String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
