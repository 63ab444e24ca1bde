package io.zokio.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HAProxy from Debian's package, run with a configuration a test writes, whose stats page
 * tells which servers of a backend its health checks find up.
 */
final class Haproxy implements AutoCloseable {

	static final Path PROGRAM = Path.of("/usr/sbin/haproxy");

	private final Process process;

	private final int statsPort;

	private final HttpClient client = HttpClient.newHttpClient();

	private Haproxy(Process process, int statsPort) {
		this.process = process;
		this.statsPort = statsPort;
	}

	/**
	 * Check a configuration with {@code haproxy -c} and start HAProxy with it, logging to
	 * {@code haproxy.log} in the directory: the given global and default settings, a frontend on
	 * the frontend port whose backend, {@code instances}, has the given settings and servers, and
	 * the stats page on the stats port.
	 * @param directory where the configuration and the log go
	 * @param defaults the {@code global} and {@code defaults} sections
	 * @param backend the lines of the {@code instances} backend
	 * @param frontendPort the port clients connect to
	 * @param statsPort the stats port
	 * @return the running HAProxy
	 * @throws Exception if the configuration is refused or the program cannot start
	 */
	static Haproxy start(Path directory, String defaults, String backend, int frontendPort, int statsPort)
			throws Exception {
		Path file = directory.resolve("haproxy.cfg");
		Files.writeString(file, defaults + """
				frontend app
				  bind 127.0.0.1:%d
				  default_backend instances
				frontend stats
				  bind 127.0.0.1:%d
				  stats enable
				  stats uri /stats
				backend instances
				""".formatted(frontendPort, statsPort) + backend);
		Process check = new ProcessBuilder(PROGRAM.toString(), "-c", "-f", file.toString()).redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor()).as(output).isZero();
		Process process = new ProcessBuilder(PROGRAM.toString(), "-db", "-f", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("haproxy.log").toFile())
			.start();
		return new Haproxy(process, statsPort);
	}

	Process process() {
		return this.process;
	}

	/**
	 * Return how many servers of the {@code instances} backend are up, as HAProxy's stats page says.
	 * @return the servers up, 0 while the page does not answer
	 */
	int upServers() {
		try {
			HttpResponse<String> stats = this.client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.statsPort + "/stats;csv")).build(),
					HttpResponse.BodyHandlers.ofString());
			return (int) stats.body()
				.lines()
				.filter((line) -> line.startsWith("instances,") && !line.startsWith("instances,BACKEND"))
				.filter((line) -> line.split(",")[17].equals("UP"))
				.count();
		}
		catch (IOException | InterruptedException ex) {
			return 0;
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
