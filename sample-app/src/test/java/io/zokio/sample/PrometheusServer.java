package io.zokio.sample;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's Prometheus, started on a loopback port with a configuration of the test's, its data and
 * log in the test's directory.
 */
final class PrometheusServer implements AutoCloseable {

	static final Path PROGRAM = Path.of("/usr/bin/prometheus");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final Process process;

	private final int port;

	private final Path log;

	private PrometheusServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start Prometheus.
	 * @param directory where its configuration, data and log go
	 * @param port the loopback port it listens on
	 * @param configuration the contents of {@code prometheus.yml}
	 * @return the running server
	 * @throws IOException if it cannot be started
	 */
	static PrometheusServer start(Path directory, int port, String configuration) throws IOException {
		Path config = directory.resolve("prometheus.yml");
		Files.writeString(config, configuration);
		Path log = directory.resolve("prometheus.log");
		Process process = new ProcessBuilder(PROGRAM.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
				"--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new PrometheusServer(process, port, log);
	}

	/**
	 * Evaluate an expression at the current time.
	 * @param expression the PromQL expression
	 * @return the API's answer
	 * @throws IOException on I/O failure, as while Prometheus starts
	 * @throws InterruptedException if interrupted
	 */
	JsonNode query(String expression) throws IOException, InterruptedException {
		return get("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
	}

	/**
	 * Call the HTTP API.
	 * @param pathAndQuery the path, with its query string
	 * @return the API's answer
	 * @throws IOException on I/O failure, as while Prometheus starts
	 * @throws InterruptedException if interrupted
	 */
	JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery)).build(),
				HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

	Process process() {
		return this.process;
	}

	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
