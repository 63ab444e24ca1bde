package io.zokio.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zokio.engine.ZokioEngine;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatisticsSnapshot;
import io.zokio.engine.warmup.Warmup;
import io.zokio.engine.warmup.WarmupReport;
import io.zokio.engine.warmup.WarmupState;
import io.zokio.test.Layout;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestApplication;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The warm-up through a real server: readiness refused while it runs, on every protocol layout a
 * server has (HTTP/1.1, h2c, TLS, TLS with HTTP/2) and every transport; its traffic kept out of the
 * statistics and meters; a failed warm-up reported without blocking the start; shutdown while it
 * runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class WarmupIntegrationTests {

	private static final List<Layout> SERVERS = List.of(Layout.HTTP_1_1, Layout.HTTP_1_1_H2C_SERVER,
			Layout.HTTP_1_1_TLS, Layout.HTTP_1_1_ALPN);

	static Stream<Arguments> servers() {
		return ServerTransport.onEvery(SERVERS);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("servers")
	void refusesReadinessUntilTheWarmupEndsAndKeepsItsTrafficOutOfTheStatistics(ServerTransport transport,
			Layout layout) throws Exception {
		TestApplication.closeGate();
		Starting starting = Starting.start(transport, layout, "--zokio.warmup.requests[0].path=/plaintext",
				"--zokio.warmup.requests[1].path=/gate", "--zokio.warmup.max-requests=1200",
				"--zokio.warmup.concurrency=4", "--management.endpoint.health.probes.enabled=true");
		try {
			ConfigurableApplicationContext context = starting.context();
			Warmup warmup = context.getBean(ZokioEngine.class).warmup().orElseThrow();
			await().atMost(30, TimeUnit.SECONDS).until(() -> warmup.report() != null && warmup.report().requests() > 0);
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.REFUSING_TRAFFIC);
			assertThat(readiness(layout, starting.port())).isEqualTo(503);
			assertThat(warmup.report().state()).isEqualTo(WarmupState.RUNNING);
			assertThat(warmup.report().protocols()).containsExactlyElementsOf(expectedProtocols(layout));
			assertThat(starting.run()).isNotDone();
			TestApplication.openGate();
			starting.run().get(60, TimeUnit.SECONDS);
			WarmupReport report = warmup.report();
			assertThat(report.state()).isEqualTo(WarmupState.REQUEST_LIMIT);
			assertThat(report.requests()).isEqualTo(1200);
			assertThat(report.firstWindow()).isNotNull();
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			StatisticsSnapshot probed = context.getBean(ConnectionStatistics.class).snapshot();
			assertThat(probed.accepted()).as("the readiness probe's connection alone").isOne();
			assertThat(probed.requests()).as("the readiness probe alone").isOne();
			await().atMost(10, TimeUnit.SECONDS)
				.untilAsserted(() -> assertThat(httpServerRequests(context)).as("the readiness probe alone").isOne());
			assertThat(readiness(layout, starting.port())).isEqualTo(200);
			StatisticsSnapshot after = context.getBean(ConnectionStatistics.class).snapshot();
			assertThat(after.accepted()).isEqualTo(2);
			assertThat(after.requests()).isEqualTo(2);
			await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(httpServerRequests(context)).isEqualTo(2));
			assertThat(context.getBean(MeterRegistry.class).getMeters())
				.noneMatch((meter) -> meter.getId().getTag("zokio.warmup") != null);
		}
		finally {
			TestApplication.openGate();
			starting.close();
		}
	}

	@Test
	void reportsAWarmupThatAnswers5xxAndStartsAnyway() throws Exception {
		Starting starting = Starting.start(ServerTransport.NIO, Layout.HTTP_1_1,
				"--zokio.warmup.requests[0].path=/status?code=503");
		try {
			starting.run().get(60, TimeUnit.SECONDS);
			WarmupReport report = starting.context().getBean(ZokioEngine.class).warmup().orElseThrow().report();
			assertThat(report.state()).isEqualTo(WarmupState.FAILED);
			assertThat(report.failure()).isEqualTo("GET /status?code=503 over HTTP/1.1 answered 503");
			assertThat(starting.context().getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(starting.context().getBean(ConnectionStatistics.class).snapshot().accepted()).isZero();
		}
		finally {
			starting.close();
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("proxyProtocolServers")
	void sendsAProxyProtocolHeaderToAServerThatRequiresOne(ServerTransport transport, Layout layout) throws Exception {
		Starting starting = Starting.start(transport, layout, "--zokio.proxy-protocol.mode=on",
				"--zokio.warmup.requests[0].path=/remote", "--zokio.warmup.max-requests=300");
		try {
			starting.run().get(60, TimeUnit.SECONDS);
			WarmupReport report = starting.context().getBean(ZokioEngine.class).warmup().orElseThrow().report();
			assertThat(report.state()).isEqualTo(WarmupState.REQUEST_LIMIT);
			assertThat(report.requests()).isEqualTo(300);
			StatisticsSnapshot statistics = starting.context().getBean(ConnectionStatistics.class).snapshot();
			assertThat(statistics.accepted()).isZero();
			assertThat(statistics.rejected()).isZero();
		}
		finally {
			starting.close();
		}
	}

	static Stream<Arguments> proxyProtocolServers() {
		return ServerTransport.onEvery(List.of(Layout.HTTP_1_1, Layout.HTTP_1_1_ALPN));
	}

	@Test
	void failsTheStartWithBootsReportWhenARequiredWarmupFails(CapturedOutput output) throws Exception {
		Starting starting = Starting.start(ServerTransport.NIO, Layout.HTTP_1_1, "--zokio.warmup.required=true",
				"--zokio.warmup.requests[0].path=/status?code=500");
		try {
			assertThatException().isThrownBy(() -> starting.run().get(60, TimeUnit.SECONDS));
			assertThat(output.toString()).contains("APPLICATION FAILED TO START")
				.contains("GET /status?code=500 over HTTP/1.1 answered 500")
				.contains("zokio.warmup.required=false")
				.doesNotContain("\tat ");
			assertThat(starting.context().isActive()).isFalse();
		}
		finally {
			starting.close();
		}
	}

	@Test
	void cancelsTheWarmupWhenTheApplicationClosesWhileItRuns() throws Exception {
		TestApplication.closeGate();
		Starting starting = Starting.start(ServerTransport.NIO, Layout.HTTP_1_1, "--zokio.warmup.requests[0].path=/gate",
				"--server.shutdown=graceful", "--spring.lifecycle.timeout-per-shutdown-phase=30s");
		try {
			Warmup warmup = starting.context().getBean(ZokioEngine.class).warmup().orElseThrow();
			await().atMost(30, TimeUnit.SECONDS).until(() -> warmup.report() != null);
			starting.context().close();
			starting.run().get(30, TimeUnit.SECONDS);
			assertThat(warmup.report().state()).isEqualTo(WarmupState.CANCELLED);
			assertThat(starting.context().isActive()).isFalse();
		}
		finally {
			TestApplication.openGate();
			starting.close();
		}
	}

	private static List<String> expectedProtocols(Layout layout) {
		if (layout == Layout.HTTP_1_1_H2C_SERVER) {
			return List.of("HTTP/1.1", "h2c");
		}
		return (layout == Layout.HTTP_1_1_ALPN) ? List.of("HTTP/1.1", "h2") : List.of("HTTP/1.1");
	}

	private static int readiness(Layout layout, int port) throws Exception {
		try (RawHttpConnection connection = new RawHttpConnection(layout.connect(port), 10_000)) {
			return connection.get("/actuator/health/readiness").status();
		}
	}

	private static long httpServerRequests(ConfigurableApplicationContext context) {
		return context.getBean(MeterRegistry.class)
			.find("http.server.requests")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	/**
	 * An application starting on a thread of its own, whose context is known once it has started
	 * and before its runners have run.
	 *
	 * @param context the started context
	 * @param run the start, complete once {@code SpringApplication.run} returned
	 */
	private record Starting(ConfigurableApplicationContext context, CompletableFuture<ConfigurableApplicationContext> run)
			implements AutoCloseable {

		static Starting start(ServerTransport transport, Layout layout, String... args) {
			Assumptions.assumeTrue(transport.unavailability() == null, transport.unavailability());
			List<String> all = new ArrayList<>(transport.serverArgs());
			all.addAll(layout.serverArgs());
			all.add("--zokio.warmup.enabled=true");
			all.addAll(List.of(args));
			AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
			CompletableFuture<ConfigurableApplicationContext> run = new CompletableFuture<>();
			Thread main = new Thread(() -> {
				try {
					run.complete(new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.REACTIVE)
						.listeners((ApplicationListener<ApplicationStartedEvent>) (event) -> started
							.set(event.getApplicationContext()))
						.run(TestServer.arguments(all.toArray(String[]::new))));
				}
				catch (Throwable ex) {
					run.completeExceptionally(ex);
				}
			}, "warmup-test-main");
			main.start();
			await().atMost(60, TimeUnit.SECONDS).until(() -> started.get() != null || run.isDone());
			if (started.get() == null) {
				run.join();
			}
			return new Starting(started.get(), run);
		}

		int port() {
			return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		}

		@Override
		public void close() throws Exception {
			this.context.close();
			this.run.handle((context, failure) -> null).get(60, TimeUnit.SECONDS);
		}

	}

}
