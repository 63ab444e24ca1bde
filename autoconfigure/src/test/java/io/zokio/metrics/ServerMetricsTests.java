package io.zokio.metrics;

import java.util.List;

import com.netflix.concurrency.limits.limit.FixedLimit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zokio.engine.ZokioEngine;
import io.zokio.engine.overload.ConcurrencyLimit;
import io.zokio.engine.protection.ServerConnections;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's own meters on a {@link SimpleMeterRegistry}: each bound only for the engine parts
 * that run.
 */
class ServerMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void bindsNothingForAnEngineWithoutParts() {
		try (ServerMetrics metrics = new ServerMetrics(ZokioEngine.builder().build())) {
			metrics.bindTo(this.registry);
			assertThat(this.registry.getMeters()).isEmpty();
		}
	}

	@Test
	void countsAcceptFailuresWhenProtectionRuns() {
		ServerConnections connections = new ServerConnections(10);
		try (ServerMetrics metrics = new ServerMetrics(ZokioEngine.builder().connections(() -> connections).build())) {
			metrics.bindTo(this.registry);
			assertThat(this.registry.get(ZokioMeters.ACCEPT_FAILURES.getName()).functionCounter().count()).isZero();
			assertThat(this.registry.find(ZokioMeters.TRANSPORT.getName()).meter()).isNull();
			metrics.close();
			assertThat(this.registry.getMeters()).isEmpty();
		}
	}

	@Test
	void showsTheConcurrencyLimitWhenOverloadProtectionRuns() {
		ConcurrencyLimit limit = new ConcurrencyLimit("fixed", FixedLimit.of(12), List.of(), System::nanoTime);
		try (ServerMetrics metrics = new ServerMetrics(ZokioEngine.builder().overload(() -> limit).build())) {
			metrics.bindTo(this.registry);
			assertThat(this.registry.get(ZokioMeters.OVERLOAD_LIMIT.getName()).gauge().value()).isEqualTo(12);
			assertThat(this.registry.get(ZokioMeters.OVERLOAD_IN_FLIGHT.getName()).gauge().value()).isZero();
			assertThat(this.registry.get(ZokioMeters.REQUESTS_SHED.getName())
				.tag(ZokioMeters.ZokioKeyNames.REASON.asString(), "overload")
				.functionCounter()
				.count()).isZero();
			metrics.close();
			assertThat(this.registry.getMeters()).isEmpty();
		}
	}

}
