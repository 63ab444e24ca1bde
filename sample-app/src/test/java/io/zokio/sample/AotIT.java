package io.zokio.sample;

import java.time.Duration;
import java.util.List;

import io.zokio.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample application processed by Spring AOT ({@code -Paot}) and run with
 * {@code -Dspring.aot.enabled=true}: what can still be switched at run time (every {@code zokio.*}
 * value, such as the transport mode) and what cannot ({@code zokio.enabled}, decided when the
 * application was processed, which Zokio then says at WARN with the fix).
 */
@EnabledIfSystemProperty(named = "sample.aot", matches = "true")
class AotIT {

	private static final String AOT = "-Dspring.aot.enabled=true";

	private static final Duration STARTED = Duration.ofSeconds(30);

	@Test
	void switchesTheTransportAtRunTime() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(List.of(AOT), List.of("--zokio.transport.mode=nio"))) {
			assertThat(new TestHttp(app.awaitPort()).get("/plaintext").statusCode()).isEqualTo(200);
			assertThat(app.output()).contains("Zokio transport: nio (mode nio");
		}
	}

	@Test
	void saysZokioRunsWhenTurnedOffOnlyAtRunTime() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(List.of(AOT), List.of("--zokio.enabled=false"))) {
			assertThat(new TestHttp(app.awaitPort()).get("/plaintext").statusCode()).isEqualTo(200);
			await().atMost(STARTED).until(() -> app.output().contains("Started SampleApplication"));
			assertThat(app.output()).contains("Zokio transport: ")
				.contains("Zokio runs this application's server although zokio.enabled is false")
				.contains("spring-boot:process-aot")
				.doesNotContain("does not run this application's server");
		}
	}

}
