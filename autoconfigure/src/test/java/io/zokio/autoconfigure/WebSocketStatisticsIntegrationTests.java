package io.zokio.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatusClass;
import org.junit.jupiter.api.Test;
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
 * until it closes, kept out of the latency.
 */
class WebSocketStatisticsIntegrationTests {

	@Test
	void countsTheHandshakeAsAnAnsweredRequest() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoSocketApplication.class)
			.web(WebApplicationType.REACTIVE)
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
					"--spring.reactor.netty.shutdown-quiet-period=0s")) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			ConnectionStatistics statistics = context.getBean(ConnectionStatistics.class);
			String echoed = new ReactorNettyWebSocketClient()
				.execute(URI.create("ws://127.0.0.1:" + port + "/echo"),
						(session) -> session.send(Mono.just(session.textMessage("ping")))
							.then(session.receive().next().map((message) -> message.getPayloadAsText()))
							.doOnNext((text) -> {
								assertThat(statistics.count(Count.IN_FLIGHT)).as("in flight while the socket is open").isZero();
								assertThat(statistics.count(ConnectionState.PROCESSING)).isZero();
								assertThat(statistics.count(Count.STREAMS_ACTIVE)).as("a stream while the socket is open").isOne();
							})
							.then())
				.then(Mono.just("done"))
				.block(Duration.ofSeconds(10));
			assertThat(echoed).isEqualTo("done");
			assertThat(statistics.count(Count.REQUESTS)).isOne();
			assertThat(statistics.count(StatusClass.INFORMATIONAL)).isOne();
			assertThat(statistics.snapshot().latency().count()).as("a stream, not a request").isZero();
			assertThat(statistics.snapshot().head().count()).isOne();
			await().atMost(Duration.ofSeconds(5)).until(() -> statistics.active() == 0);
			assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
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
