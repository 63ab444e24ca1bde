package io.zokio.sample;

import java.util.List;

import io.zokio.test.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample application in child JVMs whose direct memory limit is below the requested
 * pool (16MB by default).
 */
class BufferPoolLimitsIT {

	private static final long MB = 1024 * 1024;

	@Test
	void shrinksThePoolToWhatTheJvmAllowsAndServes() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(List.of("-XX:MaxDirectMemorySize=20m"), List.of())) {
			TestHttp http = new TestHttp(app.awaitPort());
			assertThat(http.get("/plaintext").body()).isEqualTo("Hello, World!");
			assertThat(http.get("/bytes?size=3000000").body()).hasSize(3_000_000);
			JsonNode pool = http.getJson("/actuator/zokio/bufferPool");
			assertThat(pool.get("direct").asBoolean()).isTrue();
			assertThat(pool.get("requestedBytes").asLong()).isEqualTo(16 * MB);
			assertThat(pool.get("preallocatedBytes").asLong()).isBetween(4 * MB, 8 * MB);
			assertThat(pool.get("usedBytes").asLong()).isGreaterThanOrEqualTo(pool.get("preallocatedBytes").asLong());
			assertThat(pool.get("fallback").asBoolean()).isTrue();
			assertThat(pool.get("cause").asString()).contains("exceeds the budget", "available direct memory");
			JsonNode health = http.getJson("/actuator/health/zokio").get("details").get("bufferPool");
			assertThat(health.get("requestedBytes").asLong()).isEqualTo(16 * MB);
			assertThat(health.get("preallocatedBytes").asLong()).isEqualTo(pool.get("preallocatedBytes").asLong());
			assertThat(health.get("cause").asString()).isEqualTo(pool.get("cause").asString());
			assertThat(app.output()).doesNotContain("OutOfDirectMemoryError", "OutOfMemoryError");
		}
	}

	@Test
	void fallsBackToHeapBuffersWhenNotEvenOneChunkFitsAndServes() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(List.of("-XX:MaxDirectMemorySize=6m"), List.of())) {
			TestHttp http = new TestHttp(app.awaitPort());
			assertThat(http.get("/plaintext").body()).isEqualTo("Hello, World!");
			assertThat(http.get("/bytes?size=1000000").body()).hasSize(1_000_000);
			JsonNode pool = http.getJson("/actuator/zokio/bufferPool");
			assertThat(pool.get("direct").asBoolean()).isFalse();
			assertThat(pool.get("preallocatedBytes").asLong()).isZero();
			assertThat(pool.get("fallback").asBoolean()).isTrue();
			assertThat(pool.get("cause").asString()).contains("using heap buffers");
			assertThat(app.output()).doesNotContain("OutOfDirectMemoryError", "OutOfMemoryError");
		}
	}

	@Test
	void failsFastWithOneClearMessageWhenAsked() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(List.of("-XX:MaxDirectMemorySize=20m"),
				List.of("--zokio.buffer-pool.fail-fast=true"))) {
			assertThat(app.awaitExit()).isNotZero();
			assertThat(app.output()).contains("APPLICATION FAILED TO START",
					"The buffer pool of 16777216 bytes (zokio.buffer-pool.preallocate) cannot be reserved",
					"bytes are available");
		}
	}

}
