package io.zokio.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatusClass;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP/2 cleartext (h2c) under the statistics: the connection counts once, each stream counts as a
 * request, and the connection is not cut by the HTTP/1.1 deadlines.
 */
class Http2StatisticsIntegrationTests {

	@Test
	void countsAnH2cConnectionOnceAndEachOfItsStreams() throws Exception {
		try (TestServer server = TestServer.start("--server.http2.enabled=true",
				"--zokio.connections.request-header-timeout=1s")) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
			int requests = 20;
			for (int i = 0; i < requests; i++) {
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/delay?ms=5")).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
			}
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(statistics.count(Count.REQUESTS)).isEqualTo(requests);
				assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
				assertThat(statistics.count(ConnectionState.IDLE)).isOne();
			});
			assertThat(statistics.count(Count.ACCEPTED)).isOne();
			assertThat(statistics.active()).isOne();
			assertThat(statistics.count(StatusClass.SUCCESS)).isEqualTo(requests);
			assertThat(statistics.snapshot().latency().count()).isEqualTo(requests);
			assertThat(statistics.snapshot().latency().p50()).isGreaterThanOrEqualTo(5000);
			HttpResponse<String> later = client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/delay?ms=1500")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(later.statusCode()).as("not cut by the 1s header timeout").isEqualTo(200);
			assertThat(statistics.count(Count.ACCEPTED)).isOne();
		}
	}

}
