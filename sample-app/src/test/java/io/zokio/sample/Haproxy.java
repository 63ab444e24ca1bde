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
	 * {@code haproxy.log} in the directory.
	 * @param directory where the configuration and the log go
	 * @param config the configuration, which must serve {@code stats uri /stats} on the stats port
	 * @param statsPort the stats port
	 * @return the running HAProxy
	 * @throws Exception if the configuration is refused or the program cannot start
	 */
	static Haproxy start(Path directory, String config, int statsPort) throws Exception {
		Path file = directory.resolve("haproxy.cfg");
		Files.writeString(file, config);
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
	 * Return how many servers of a backend are up, as HAProxy's stats page says.
	 * @param backend the backend's name
	 * @return the servers up, 0 while the page does not answer
	 */
	int upServers(String backend) {
		try {
			HttpResponse<String> stats = this.client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.statsPort + "/stats;csv")).build(),
					HttpResponse.BodyHandlers.ofString());
			return (int) stats.body()
				.lines()
				.filter((line) -> line.startsWith(backend + ",") && !line.startsWith(backend + ",BACKEND")
						&& !line.startsWith(backend + ",FRONTEND"))
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
