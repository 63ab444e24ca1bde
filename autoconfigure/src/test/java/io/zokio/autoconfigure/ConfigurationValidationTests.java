package io.zokio.autoconfigure;

import java.util.List;

import io.zokio.test.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every bad value of a Zokio property, through a real application start: the start fails with
 * Boot's one-screen report naming the property, the value and what is allowed, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			zokio.connections.max                          | 0      | must be between 1 and 10000000, or -1 for no limit
			zokio.connections.max                          | -2     | must be between 1 and 10000000, or -1 for no limit
			zokio.connections.request-header-timeout       | -1s    | must be zero (off) or positive
			zokio.connections.request-body-timeout         | -1s    | must be zero (off) or positive
			zokio.connections.write-timeout                | -5s    | must be zero (off) or positive
			zokio.connections.default-idle-timeout         | -1s    | must be zero (off) or positive
			zokio.connections.max-request-body-size        | -2B    | must be a size of zero or more, or -1 for no limit
			zokio.connections.min-request-body-rate.bytes-per-second | -1 | must be zero (off) or positive
			zokio.connections.min-request-body-rate.grace-period | 500ms | must be at least 1s
			zokio.connections.min-response-rate.bytes-per-second | -240 | must be zero (off) or positive
			zokio.connections.min-response-rate.grace-period | 0s | must be at least 1s
			zokio.transport.event-loop-threads             | 0      | must be between 1 and
			zokio.transport.event-loop-threads             | 5000   | per available processor
			zokio.transport.blocked-loop-threshold         | 5ms    | must be between 10ms and 1h, or 0 to turn the watchdog off
			zokio.transport.blocked-loop-threshold         | -1s    | must be between 10ms and 1h, or 0 to turn the watchdog off
			zokio.shutdown.drain-delay                     | -1s    | must be between 0s and 10m
			zokio.tls.handshake-timeout                    | 50ms   | must be between 100ms and 5m
			zokio.tls.handshake-timeout                    | 301s   | must be between 100ms and 5m
			zokio.shutdown.drain-delay                     | 700s   | must be between 0s and 10m
			zokio.stats.latency-window                     | 0s     | must be between 1s and 24h
			zokio.stats.latency-window                     | -1s    | must be between 1s and 24h
			zokio.stats.stream-threshold                   | -1s    | must be zero or more
			zokio.buffer-pool.preallocate                  | -1MB   | must be a size of zero (none) or more
			zokio.buffer-pool.arenas                       | 0      | must be between 1 and the number of event loops
			zokio.buffer-pool.arenas                       | 1000   | must be between 1 and the number of event loops
			zokio.buffer-pool.page-size                    | 3KB    | must be a power of two between 4KB and 1GB
			zokio.buffer-pool.chunk-size                   | 2GB    | must be a power of two between 4KB and 1GB
			zokio.buffer-pool.chunk-size                   | 4KB    | must be between the page size (8KB) and 2^14 pages (128MB)
			zokio.buffer-pool.thread-cache.small-size      | -1     | must be zero (no cache) or more
			zokio.buffer-pool.ring.buffers                 | 100    | must be a power of two between 16 and 16384
			zokio.buffer-pool.ring.buffers                 | 8      | must be a power of two between 16 and 16384
			zokio.buffer-pool.ring.buffer-size             | 512B   | must be between 1KB and 1MB
			zokio.buffer-pool.ring.buffer-size             | 2MB    | must be between 1KB and 1MB
			zokio.buffer-pool.thread-cache.normal-size     | -1     | must be zero (no cache) or more
			zokio.http2.max-concurrent-streams             | 0      | must be between 1 and 4294967295
			zokio.http2.max-concurrent-streams             | 5000000000 | must be between 1 and 4294967295
			zokio.http2.max-header-list-size               | 0B     | must be between 1B and 4294967295B
			zokio.http2.max-control-frames                 | 0      | must be between 1 and 1000000
			zokio.http2.control-frame-window               | 10ms   | must be between 100ms and 1h
			zokio.overload.limit                           | fast   | The following values are valid
			zokio.overload.max-limit                       | 0      | must be between 1 and 1000000
			zokio.overload.min-limit                       | 2000   | must be between 1 and overload.max-limit (1000)
			zokio.overload.initial-limit                   | 5      | must be between overload.min-limit (20) and overload.max-limit (1000)
			zokio.overload.exempt-paths[0]                 | health | must be a path that starts with / and has no query
			zokio.overload.gradient2.queue-size            | -1     | must be zero or more
			zokio.overload.gradient2.rtt-tolerance         | 0.5    | must be at least 1.0
			zokio.overload.gradient2.smoothing             | 1.5    | must be above 0 and at most 1
			zokio.overload.gradient2.long-window           | 0      | must be at least 1
			zokio.overload.vegas.smoothing                 | 0.0    | must be above 0 and at most 1
			zokio.overload.vegas.probe-multiplier          | 0      | must be at least 1
			zokio.overload.aimd.backoff-ratio              | 1.0    | must be at least 0.5 and below 1.0
			zokio.overload.aimd.timeout                    | 0s     | must be positive
			zokio.warmup.duration                          | 500ms  | must be between 1s and 10m
			zokio.warmup.duration                          | 601s   | must be between 1s and 10m
			zokio.warmup.max-requests                      | 0      | must be at least 1
			zokio.warmup.concurrency                       | 0      | must be between 1 and 1024
			zokio.warmup.requests[0].path                  | health | must be a path that starts with /
			zokio.warmup.requests[0].method                | G T    | must be an HTTP method such as GET
			zokio.http3.idle-timeout                       | 0s     | must be between 1s and 1h
			zokio.http3.max-data                           | 0B     | must be between 1KB and 1GB
			zokio.http3.max-stream-data                    | 20MB   | must be between 1KB and http3.max-data (10MB)
			zokio.http3.max-streams                        | 0      | must be between 1 and 1000000
			zokio.http3.alt-svc-max-age                    | 0s     | must be between 1s and 365d
			""")
	void refusesABadValueWithBootsReportNamingThePropertyAndTheRange(String property, String value, String reason,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.start("--" + property + "=" + value).close());
		String report = output.toString();
		assertThat(report).contains("APPLICATION FAILED TO START")
			.contains("Property: " + property)
			.contains("Value: \"" + value + "\"")
			.contains(reason)
			.doesNotContain("\tat ");
	}

	@ParameterizedTest(name = "drain {0} against a shutdown phase of {1}")
	@CsvSource(delimiter = '|', textBlock = """
			40s | 30s | 30s
			30s | 30s | 30s
			2m  | 1m  | 60s
			""")
	void refusesADrainThatTheShutdownPhaseWouldCutWithBootsReportNamingBothProperties(String drain, String phase,
			String shown, CapturedOutput output) {
		List<String> args = List.of("--zokio.shutdown.drain-delay=" + drain,
				"--spring.lifecycle.timeout-per-shutdown-phase=" + phase);
		assertThatException().isThrownBy(() -> TestServer.start(args.toArray(String[]::new)).close());
		assertThat(output.toString()).contains("APPLICATION FAILED TO START")
			.contains("'zokio.shutdown.drain-delay'")
			.contains("must be shorter than spring.lifecycle.timeout-per-shutdown-phase (" + shown + ")")
			.doesNotContain("\tat ");
	}

	@Test
	void acceptsADrainShorterThanTheShutdownPhase() {
		try (TestServer server = TestServer.start("--zokio.shutdown.drain-delay=20s",
				"--spring.lifecycle.timeout-per-shutdown-phase=30s")) {
			assertThat(server.context().getBean(ZokioShutdownLifecycle.class)).isNotNull();
		}
	}

}
