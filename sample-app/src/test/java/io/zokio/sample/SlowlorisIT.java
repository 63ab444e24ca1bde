package io.zokio.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.zokio.test.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One short, bounded run of slowhttptest in slowloris mode against the packaged sample application:
 * the service stays available to other clients and the slow connections are cut and counted.
 */
class SlowlorisIT {

	private static final Path SLOWHTTPTEST = Path.of("/usr/bin/slowhttptest");

	@Test
	void staysAvailableUnderASlowlorisAttack() throws Exception {
		HostTools.assumeInstalled("slowhttptest", SLOWHTTPTEST);
		try (SampleAppProcess app = SampleAppProcess.start(List.of(),
				List.of("--zokio.connections.request-header-timeout=2s"))) {
			int port = app.awaitPort();
			Process attack = new ProcessBuilder(SLOWHTTPTEST.toString(), "-H", "-c", "300", "-r", "100", "-i", "1",
					"-x", "8", "-p", "2", "-l", "12", "-t", "GET", "-u", "http://127.0.0.1:" + port + "/plaintext")
				.redirectErrorStream(true)
				.start();
			TestHttp http = new TestHttp(port);
			int served = 0;
			while (attack.isAlive() && served < 200) {
				long start = System.nanoTime();
				assertThat(http.get("/plaintext").body()).isEqualTo("Hello, World!");
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
				served++;
				attack.waitFor(50, TimeUnit.MILLISECONDS);
			}
			assertThat(attack.waitFor(60, TimeUnit.SECONDS)).as("slowhttptest ends by itself").isTrue();
			String report = new BufferedReader(new InputStreamReader(attack.getInputStream(), StandardCharsets.UTF_8))
				.lines()
				.collect(Collectors.joining("\n"))
				.replaceAll("\u001B\\[[;\\d]*[A-Za-z]", "");
			assertThat(report).contains("SLOW HEADERS", "service available:   YES").doesNotContain("service available:   NO");
			assertThat(served).isPositive();
			JsonNode closedBy = http.getJson("/actuator/zokio/connections").get("closedBy");
			assertThat(closedBy.get("requestTimeout").asLong()).as("slow connections cut by the header timeout")
				.isPositive();
			assertThat(http.get("/plaintext").statusCode()).isEqualTo(200);
		}
	}

}
