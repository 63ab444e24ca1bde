package io.zokio.sample;

import java.util.List;

import io.zokio.test.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample application in a child JVM whose native transports are disabled.
 */
class TransportFallbackIT {

	private static final String NO_NATIVE = "-Dio.netty.transport.noNative=true";

	@Test
	void fallsBackToNioAndSaysWhy() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(List.of(NO_NATIVE), List.of())) {
			TestHttp http = new TestHttp(app.awaitPort());
			assertThat(http.get("/plaintext").body()).isEqualTo("Hello, World!");
			JsonNode transport = http.getJson("/actuator/zokio/transport");
			assertThat(transport.get("name").asString()).isEqualTo("nio");
			assertThat(transport.get("fallback").asBoolean()).isTrue();
			assertThat(transport.get("requested").asString()).isEqualTo("auto");
			assertThat(transport.get("attempts").get(0).get("transport").asString()).isEqualTo("io_uring");
			JsonNode epoll = transport.get("attempts").get(1);
			assertThat(epoll.get("transport").asString()).isEqualTo("epoll");
			assertThat(epoll.get("stage").asString()).isEqualTo("load");
			assertThat(epoll.get("outcome").asString()).isEqualTo("failed");
			assertThat(epoll.get("cause").asString()).contains("noNative");
			JsonNode last = transport.get("attempts").get(transport.get("attempts").size() - 1);
			assertThat(last.get("transport").asString()).isEqualTo("nio");
			assertThat(last.get("outcome").asString()).isEqualTo("selected");
			assertThat(app.output()).contains("Zokio transport: nio (mode auto", "not used: io_uring (load: ",
					"; epoll (load: ");
		}
	}

	@Test
	void refusesToStartWhenNativeIsRequired() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(List.of(NO_NATIVE),
				List.of("--zokio.transport.require-native=true"))) {
			assertThat(app.awaitExit()).isNotZero();
			assertThat(app.output()).contains("APPLICATION FAILED TO START",
					"A native transport is required (zokio.transport.require-native=true) but none could be used:",
					"- epoll failed at load: ", "- io_uring failed at load: ");
		}
	}

}
