package io.zokio.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatusClass;
import io.zokio.test.ServerTransport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebSocket handshake is a request answered {@code 101}: it ends the exchange, so the connection
 * does not stay counted as processing a request while the socket is open; the socket is a stream
 * until it closes, kept out of the latency. Its frames flow both ways at once on every transport.
 */
class WebSocketStatisticsIntegrationTests {

	private static final int MESSAGES = 50;

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void countsTheHandshakeAsAnAnsweredRequest(ServerTransport transport) {
		String unavailability = transport.unavailability();
		Assumptions.assumeTrue(unavailability == null, unavailability);
		List<String> args = new ArrayList<>(transport.serverArgs());
		args.addAll(List.of("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
				"--spring.reactor.netty.shutdown-quiet-period=0s"));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoSocketApplication.class)
			.web(WebApplicationType.REACTIVE)
			.run(args.toArray(String[]::new))) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			ConnectionStatistics statistics = context.getBean(ConnectionStatistics.class);
			List<String> echoed = new ArrayList<>();
			new ReactorNettyWebSocketClient()
				.execute(URI.create("ws://127.0.0.1:" + port + "/echo"),
						(session) -> session.send(Flux.range(1, MESSAGES).map((n) -> session.textMessage("ping " + n)))
							.and(session.receive()
								.map((message) -> message.getPayloadAsText())
								.doOnNext((text) -> {
									assertThat(statistics.count(Count.IN_FLIGHT)).as("in flight while the socket is open").isZero();
									assertThat(statistics.count(ConnectionState.PROCESSING)).isZero();
									assertThat(statistics.count(Count.STREAMS_ACTIVE)).as("a stream while the socket is open").isOne();
									echoed.add(text);
								})
								.take(MESSAGES)))
				.block(Duration.ofSeconds(10));
			assertThat(echoed).hasSize(MESSAGES).first().isEqualTo("ping 1");
			assertThat(statistics.count(Count.REQUESTS)).isOne();
			assertThat(statistics.count(StatusClass.INFORMATIONAL)).isOne();
			assertThat(statistics.snapshot().latency().count()).as("a stream, not a request").isZero();
			assertThat(statistics.snapshot().head().count()).isOne();
			await().atMost(Duration.ofSeconds(5)).until(() -> statistics.active() == 0);
			assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
			assertThat(statistics.count(CloseReason.ERROR)).as("closed by a failure").isZero();
			assertThat(statistics.snapshot().streams().count()).isOne();
			assertThat(statistics.snapshot().streams().active()).isZero();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EchoSocketApplication {

		@Bean
		HandlerMapping echoSocketMapping() {
			WebSocketHandler echo = (session) -> session.send(session.receive()
				.map((message) -> session.textMessage(message.getPayloadAsText())));
			return new SimpleUrlHandlerMapping(Map.of("/echo", echo), -1);
		}

	}

}
