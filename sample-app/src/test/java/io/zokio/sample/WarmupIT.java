package io.zokio.sample;

import java.time.Duration;
import java.util.List;

import io.zokio.test.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample application warming up: with its default request, and in a training run that
 * exits on refresh, as Boot's CDS and AOT cache training do.
 */
class WarmupIT {

	@Test
	void warmsUpOnTheHealthPingByDefaultAndKeepsItOutOfTheRequests() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(List.of(),
				List.of("--zokio.warmup.enabled=true", "--zokio.warmup.max-requests=2000"))) {
			TestHttp http = new TestHttp(app.awaitPort());
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> !"running".equals(http.getJson("/actuator/zokio/warmup").get("state").asString()));
			JsonNode warmup = http.getJson("/actuator/zokio/warmup");
			assertThat(warmup.get("state").asString()).isIn("request-limit", "settled");
			assertThat(warmup.get("protocols").toString()).isEqualTo("[\"HTTP/1.1\"]");
			assertThat(warmup.get("requests").asLong()).isGreaterThanOrEqualTo(500);
			assertThat(app.output()).contains("Zokio: warming up the server on [HTTP/1.1] with [GET /actuator/health/ping]");
			JsonNode requests = http.getJson("/actuator/zokio/requests");
			assertThat(requests.get("total").asLong()).isLessThan(warmup.get("requests").asLong());
		}
	}

	@Test
	void aTrainingRunThatExitsOnRefreshExitsWithoutWarmingUp() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(List.of("-Dspring.context.exit=onRefresh"),
				List.of("--zokio.warmup.enabled=true"))) {
			assertThat(app.awaitExit()).isZero();
			assertThat(app.output()).doesNotContain("warming up");
		}
	}

}
