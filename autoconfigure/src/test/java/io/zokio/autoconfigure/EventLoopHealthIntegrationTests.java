package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zokio.test.RawHttpConnection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestApplication;
import io.zokio.test.TestResources;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A handler that blocks its event loop, on every transport: the loop watchdog finds the loop
 * blocked, logs its stack trace once, counts it in the endpoint and the meters, turns liveness
 * {@code BROKEN} once the loop is stuck, and sees it run again. A handler that keeps its loop busy
 * loading classes, as the first requests of a cold JVM do, is a cold start: logged, not counted.
 */
@ExtendWith(OutputCaptureExtension.class)
class EventLoopHealthIntegrationTests {

	private static final Duration SETTLE = Duration.ofSeconds(10);

	private final TestResources resources = new TestResources();

	@AfterEach
	void closeResources() throws Exception {
		TestApplication.openGate();
		this.resources.close();
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void findsABlockedLoopLogsItsStackOnceCountsItBreaksLivenessAndSeesItRunAgain(ServerTransport transport, CapturedOutput output)
			throws Exception {
		TestServer server = start(transport, "100ms");
		TestServer.Port management = new TestServer.Port(server.port());
		JsonNode before = management.getJsonOnce("/actuator/zokio/eventLoops");
		assertThat(before.get("loops")).hasSize(2);
		assertThat(before.get("blockedThresholdMillis").asDouble()).isEqualTo(100.0);
		List<Long> blockedBefore = blockedPerLoop(before);
		int logged = output.length();
		TestApplication.closeGate();
		RawHttpConnection blocked = this.resources.add(new RawHttpConnection(server.port(), 10_000));
		blocked.send("GET /block HTTP/1.1\r\nHost: a\r\n\r\n");
		await().atMost(SETTLE).until(() -> output.toString().contains("has not run a task for"));
		assertThat(output.toString()).contains("blockTheEventLoopUntilTheGateOpens");
		ApplicationAvailability availability = server.context().getBean(ApplicationAvailability.class);
		assertThat(availability.getLivenessState()).as("blocked for less than ten thresholds").isEqualTo(LivenessState.CORRECT);
		await().atMost(SETTLE).until(() -> availability.getLivenessState() == LivenessState.BROKEN);
		TestApplication.openGate();
		assertThat(blocked.readResponse().body()).isEqualTo("unblocked");
		await().atMost(SETTLE).until(() -> output.toString().contains("runs tasks again"));
		await().atMost(SETTLE).until(() -> availability.getLivenessState() == LivenessState.CORRECT);
		JsonNode after = management.getJsonOnce("/actuator/zokio/eventLoops");
		assertThat(after.get("blocked").asLong()).isEqualTo(before.get("blocked").asLong() + 1);
		List<Long> blockedAfter = blockedPerLoop(after);
		List<String> foundBlocked = new ArrayList<>();
		for (int i = 0; i < blockedAfter.size(); i++) {
			JsonNode loop = after.get("loops").get(i);
			assertThat(loop.get("blockedNow").asBoolean()).isFalse();
			long found = blockedAfter.get(i) - blockedBefore.get(i);
			assertThat(found).as(loop.get("name").asString()).isBetween(0L, 1L);
			if (found == 1) {
				foundBlocked.add(loop.get("name").asString());
				assertThat(loop.get("maxLagMillis").asDouble()).isGreaterThanOrEqualTo(100.0);
			}
		}
		assertThat(foundBlocked).hasSize(1);
		assertThat(output.toString().substring(logged).split("has not run a task for", -1)).as("one WARN")
			.hasSize(2);
		MeterRegistry registry = server.context().getBean(MeterRegistry.class);
		assertThat(registry.get("zokio.eventloop.blocked").functionCounters()).hasSize(2);
		assertThat(registry.get("zokio.eventloop.blocked").functionCounters())
			.extracting(FunctionCounter::count)
			.containsExactlyInAnyOrderElementsOf(blockedAfter.stream().map(Long::doubleValue).toList());
		assertThat(registry.get("zokio.eventloop.lag").timeGauges()).hasSize(2);
		assertThat(registry.get("netty.eventexecutor.tasks.pending").gauges()).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(ServerTransport.class)
	void takesALoopBusyLoadingClassesForAColdStartRatherThanABlock(ServerTransport transport, CapturedOutput output)
			throws Exception {
		TestServer server = start(transport, "50ms");
		TestServer.Port management = new TestServer.Port(server.port());
		long blockedBefore = management.getJsonOnce("/actuator/zokio/eventLoops").get("blocked").asLong();
		int logged = output.length();
		RawHttpConnection connection = this.resources.add(new RawHttpConnection(server.port(), 10_000));
		connection.send("GET /load-classes?ms=250 HTTP/1.1\r\nHost: a\r\n\r\n");
		assertThat(Integer.parseInt(connection.readResponse().body())).as("classes loaded").isGreaterThan(100);
		await().atMost(SETTLE)
			.until(() -> output.toString().substring(logged).contains("a cold start, not counted as blocked"));
		assertThat(output.toString().substring(logged)).contains("while the JVM loaded")
			.doesNotContain("loadClassesOnTheEventLoop");
		assertThat(management.getJsonOnce("/actuator/zokio/eventLoops").get("blocked").asLong()).isEqualTo(blockedBefore);
	}

	private TestServer start(ServerTransport transport, String blockedLoopThreshold) {
		return this.resources.add(transport.start("--zokio.transport.blocked-loop-threshold=" + blockedLoopThreshold,
				"--zokio.transport.event-loop-threads=2"));
	}

	/**
	 * Return how often each loop was found blocked: the first requests of a cold JVM may already have
	 * held a loop past the threshold, so the test counts what its own block adds.
	 */
	private static List<Long> blockedPerLoop(JsonNode eventLoops) {
		return eventLoops.get("loops").valueStream().map((loop) -> loop.get("blocked").asLong()).toList();
	}

}
