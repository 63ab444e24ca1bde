package io.zokio.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.zokio.test.RawHttpConnection;
import io.zokio.test.TestHttp;
import org.awaitility.core.ConditionEvaluationListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three sample app instances behind a real HAProxy ({@code send-proxy-v2}, health checks on
 * readiness through each management port) and scraped by a real Prometheus, all on 127.0.0.1:
 * four keep-alive clients, each at most one request every 10 ms, send requests from 127.0.0.2 through
 * HAProxy while every instance in turn is
 * sent SIGTERM, drains ({@code zokio.shutdown.drain-delay}), shuts down gracefully and is started
 * again. No request fails, the application sees the clients' address from the PROXY header while
 * Zokio's statistics never hold it, and the requests the instances counted, read from Prometheus
 * across the restarts, are the requests the clients sent. A health check may take up to 2 s: a new
 * instance's first answers are slow, and a check HAProxy cuts at its 250 ms interval is a client
 * abort, which WebFlux answers with a leaked buffer now and then (docs/compatibility.md).
 */
class ScaleOutIT {

	private static final String CLIENT_ADDRESS = "127.0.0.2";

	private static final int INSTANCES = 3;

	private static final int CLIENTS = 4;

	private static final Duration DRAIN = Duration.ofSeconds(3);

	private static final Duration PACE = Duration.ofMillis(10);

	@Test
	void rollsARestartThroughHaproxyWithoutLosingARequest(@TempDir Path directory) throws Exception {
		HostTools.assumeInstalled("haproxy and prometheus", Haproxy.PROGRAM, PrometheusServer.PROGRAM);
		int[] free = HostTools.freePorts(2 * INSTANCES + 3);
		int[] ports = Arrays.copyOfRange(free, 0, INSTANCES);
		int[] managementPorts = Arrays.copyOfRange(free, INSTANCES, 2 * INSTANCES);
		int frontendPort = free[2 * INSTANCES];
		int statsPort = free[2 * INSTANCES + 1];
		int prometheusPort = free[2 * INSTANCES + 2];
		SampleAppProcess[] instances = new SampleAppProcess[INSTANCES];
		Haproxy haproxy = null;
		PrometheusServer prometheus = null;
		ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
		try {
			for (int i = 0; i < INSTANCES; i++) {
				instances[i] = startInstance(ports[i], managementPorts[i]);
			}
			for (SampleAppProcess instance : instances) {
				instance.awaitPort();
			}
			haproxy = haproxy(directory, frontendPort, statsPort, ports, managementPorts);
			prometheus = prometheus(directory, prometheusPort, managementPorts);
			PrometheusServer store = prometheus;
			Haproxy balancer = haproxy;
			List<Process> balancerAndStore = List.of(haproxy.process(), prometheus.process());
			ConditionEvaluationListener<Object> bothAlive = (condition) -> assertThat(balancerAndStore)
				.allMatch(Process::isAlive, "alive: " + logs(directory));
			await().atMost(Duration.ofSeconds(60))
				.conditionEvaluationListener(bothAlive)
				.until(() -> balancer.upServers() == INSTANCES);
			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptionsInstanceOf(IOException.class)
				.conditionEvaluationListener(bothAlive)
				.until(() -> scraped(store) == INSTANCES);
			long started = System.currentTimeMillis();
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicLong answered = new AtomicLong();
			ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
			List<Future<?>> clients = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				clients.add(load.submit(() -> sendUntilStopped(frontendPort, running, answered, failures)));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() > 200);
			for (int i = 0; i < INSTANCES; i++) {
				long before = answered.get();
				instances[i].close();
				instances[i] = startInstance(ports[i], managementPorts[i]);
				instances[i].awaitPort();
				await().atMost(Duration.ofSeconds(60)).until(() -> balancer.upServers() == INSTANCES);
				long atRestart = answered.get();
				await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() > atRestart + 100);
				assertThat(answered.get()).as("requests served while instance %d restarted", i).isGreaterThan(before);
			}
			running.set(false);
			for (Future<?> future : clients) {
				future.get(30, TimeUnit.SECONDS);
			}
			long sent = answered.get();
			System.out.println("ScaleOutIT: clients sent " + sent + " requests, " + failures.size() + " failed");
			assertThat(failures).as("failed requests").isEmpty();
			assertThat(sent).isGreaterThan(1000);
			for (int i = 0; i < INSTANCES; i++) {
				String report = new TestHttp(managementPorts[i]).get("/actuator/zokio").body();
				assertThat(report).contains("\"requests\"").doesNotContain(CLIENT_ADDRESS);
			}
			long ended = System.currentTimeMillis();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> lastScrapes(store) >= ended / 1000.0 + 1);
			assertThat(countedAcrossRestarts(store, started, System.currentTimeMillis())).isEqualTo(sent);
		}
		finally {
			load.shutdownNow();
			if (prometheus != null) {
				prometheus.close();
			}
			if (haproxy != null) {
				haproxy.close();
			}
			for (SampleAppProcess instance : instances) {
				if (instance != null) {
					instance.close();
				}
			}
		}
	}

	private static SampleAppProcess startInstance(int port, int managementPort) throws IOException {
		return SampleAppProcess.start(List.of(), List.of("--server.port=" + port,
				"--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
				"--management.endpoint.health.probes.enabled=true", "--zokio.proxy-protocol.mode=on", "--zokio.proxy-protocol.trusted-sources=127.0.0.1",
				"--zokio.shutdown.drain-delay=" + DRAIN.toMillis() + "ms", "--zokio.buffer-pool.preallocate=4MB"));
	}

	private static void sendUntilStopped(int frontendPort, AtomicBoolean running, AtomicLong answered,
			ConcurrentLinkedQueue<String> failures) {
		RawHttpConnection connection = null;
		try {
			while (running.get()) {
				if (connection == null) {
					Socket socket = new Socket();
					socket.bind(new InetSocketAddress(CLIENT_ADDRESS, 0));
					socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), frontendPort));
					connection = new RawHttpConnection(socket, 10_000);
				}
				RawHttpConnection.Response response = connection.get("/remote");
				if (response == null) {
					failures.add("connection closed before a response");
					connection.close();
					connection = null;
					continue;
				}
				if (response.status() != 200 || !response.body().startsWith(CLIENT_ADDRESS + ":")) {
					failures.add(response.status() + " " + response.body());
				}
				else {
					answered.incrementAndGet();
				}
				if ("close".equals(response.headers().get("connection"))) {
					connection.close();
					connection = null;
				}
				LockSupport.parkNanos(PACE.toNanos());
			}
		}
		catch (Exception ex) {
			failures.add(ex.toString());
		}
		finally {
			if (connection != null) {
				try {
					connection.close();
				}
				catch (Exception ex) {
					failures.add(ex.toString());
				}
			}
		}
	}

	private static Haproxy haproxy(Path directory, int frontendPort, int statsPort, int[] ports,
			int[] managementPorts) throws Exception {
		StringBuilder servers = new StringBuilder();
		for (int i = 0; i < ports.length; i++) {
			servers.append("  server app").append(i).append(" 127.0.0.1:").append(ports[i]).append(" check port ")
				.append(managementPorts[i]).append('\n');
		}
		return Haproxy.start(directory, """
				global
				  maxconn 1000
				defaults
				  mode http
				  timeout connect 2s
				  timeout client 30s
				  timeout server 30s
				  timeout http-keep-alive 10s
				  timeout check 2s
				  retries 3
				  option redispatch 1
				  retry-on conn-failure empty-response response-timeout
				""", """
				  balance roundrobin
				  http-reuse safe
				  option httpchk GET /actuator/health/readiness
				  http-check expect status 200
				  default-server inter 250ms fall 2 rise 2 send-proxy-v2
				""" + servers, frontendPort, statsPort);
	}

	private static PrometheusServer prometheus(Path directory, int port, int[] managementPorts) throws IOException {
		StringBuilder targets = new StringBuilder();
		for (int managementPort : managementPorts) {
			targets.append(targets.isEmpty() ? "" : ", ").append("'127.0.0.1:").append(managementPort).append('\'');
		}
		return PrometheusServer.start(directory, port, """
				global:
				  scrape_interval: 500ms
				  scrape_timeout: 400ms
				scrape_configs:
				  - job_name: zokio-sample
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: [%s]
				""".formatted(targets));
	}

	/**
	 * Return how many instances Prometheus has scraped, so that each one's counter is known before
	 * the first request.
	 */
	private static int scraped(PrometheusServer prometheus) throws Exception {
		return prometheus.query("zokio_requests_total").get("data").get("result").size();
	}

	/**
	 * Return the oldest of the instances' latest scrape times, in seconds.
	 */
	private static double lastScrapes(PrometheusServer prometheus) throws Exception {
		JsonNode samples = prometheus.query("min(timestamp(zokio_requests_total))").get("data").get("result");
		return samples.isEmpty() ? 0 : Double.parseDouble(samples.get(0).get("value").get(1).asString());
	}

	/**
	 * Return the requests the instances counted between two times: each instance's counter, summed
	 * over the lives of its processes (a drop of the counter is a restart).
	 */
	private static long countedAcrossRestarts(PrometheusServer prometheus, long fromMillis, long toMillis)
			throws Exception {
		JsonNode series = prometheus.get("/api/v1/query_range?query="
				+ URLEncoder.encode("zokio_requests_total", StandardCharsets.UTF_8) + "&start="
				+ (fromMillis / 1000.0 - 1) + "&end=" + (toMillis / 1000.0) + "&step=0.25")
			.get("data")
			.get("result");
		assertThat(series.size()).isEqualTo(INSTANCES);
		long total = 0;
		for (JsonNode instance : series) {
			long before = total;
			long previous = 0;
			long baseline = -1;
			for (JsonNode value : instance.get("values")) {
				long count = (long) Double.parseDouble(value.get(1).asString());
				if (baseline < 0) {
					baseline = count;
				}
				if (count < previous) {
					total += previous;
				}
				previous = count;
			}
			total += previous - baseline;
			System.out.println("ScaleOutIT: " + instance.get("metric").get("instance").asString() + " counted "
					+ (total - before) + " requests");
		}
		return total;
	}

	private static String logs(Path directory) {
		StringBuilder logs = new StringBuilder();
		for (String name : List.of("haproxy.log", "prometheus.log")) {
			try {
				logs.append('\n').append(name).append(":\n").append(Files.readString(directory.resolve(name)));
			}
			catch (IOException ex) {
				logs.append('\n').append(name).append(": ").append(ex);
			}
		}
		return logs.toString();
	}

}
