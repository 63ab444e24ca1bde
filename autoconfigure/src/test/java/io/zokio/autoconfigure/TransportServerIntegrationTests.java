package io.zokio.autoconfigure;

import java.net.http.HttpResponse;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.zokio.engine.transport.EventLoopThreads;
import io.zokio.test.TestHttp;
import io.zokio.test.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A real Boot server on each transport this host supports, answering a real HTTP client.
 */
class TransportServerIntegrationTests {

	@ParameterizedTest
	@ValueSource(strings = { "nio", "epoll", "io_uring" })
	void servesOnEachTransportThisHostSupports(String transport) throws Exception {
		assumeAvailable(transport);
		try (ConfigurableApplicationContext context = start("--zokio.transport.mode=" + transport.replace('_', '-'),
				"--zokio.transport.require-native=" + !transport.equals("nio"))) {
			TestHttp http = new TestHttp(port(context));
			HttpResponse<String> response = http.get("/thread");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).startsWith("zokio-http-" + transport + "-");
			JsonNode report = http.getJson("/actuator/zokio/transport");
			assertThat(report.get("name").asString()).isEqualTo(transport);
			assertThat(report.get("fallback").asBoolean()).isFalse();
			assertThat(report.get("attempts").get(0).get("outcome").asString()).isEqualTo("selected");
			assertThat(report.get("attempts").get(0).get("stage").asString()).isEqualTo("bind");
			assertThat(report.get("attempts").get(0).get("cause").isNull()).isTrue();
			assertThat(http.getJson("/actuator/zokio").get("transport").get("name").asString()).isEqualTo(transport);
		}
		assertThat(EventLoopThreads.awaitAllEnded(10_000)).as("event loop threads after shutdown").isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "nio", "epoll", "io_uring" })
	void runsTheManagementServerOnTheTransportsEventLoops(String transport) throws Exception {
		assumeAvailable(transport);
		try (ConfigurableApplicationContext context = start("--zokio.transport.mode=" + transport.replace('_', '-'),
				"--management.server.port=0", "--management.server.address=127.0.0.1")) {
			int managementPort = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
			HttpResponse<String> management = new TestHttp(managementPort).get("/actuator/servingthread");
			assertThat(management.statusCode()).isEqualTo(200);
			assertThat(management.body()).startsWith("zokio-http-" + transport + "-");
			assertThat(new TestHttp(port(context)).get("/thread").body()).startsWith("zokio-http-" + transport + "-");
		}
		assertThat(EventLoopThreads.awaitAllEnded(10_000)).as("event loop threads after shutdown").isEmpty();
	}

	private static void assumeAvailable(String transport) {
		assumeThat(transport.equals("nio") || (transport.equals("epoll") && Epoll.isAvailable())
				|| (transport.equals("io_uring") && IoUring.isAvailable()))
			.as("%s available on this host", transport)
			.isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "80", "4096" })
	void honoursBootsNettyServerProperties(String maxInitialLineLength) throws Exception {
		try (ConfigurableApplicationContext context = start(
				"--server.netty.max-initial-line-length=" + maxInitialLineLength)) {
			HttpResponse<String> response = new TestHttp(port(context)).get("/thread?q=" + "x".repeat(100));
			assertThat(response.statusCode()).isEqualTo(maxInitialLineLength.equals("80") ? 414 : 200);
		}
	}

	@org.junit.jupiter.api.Test
	void answersNotFoundForAnUnknownSection() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(new TestHttp(port(context)).get("/actuator/zokio/nothing").statusCode()).isEqualTo(404);
		}
	}

	static ConfigurableApplicationContext start(String... args) {
		return TestServer.start(args).context();
	}

	static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
