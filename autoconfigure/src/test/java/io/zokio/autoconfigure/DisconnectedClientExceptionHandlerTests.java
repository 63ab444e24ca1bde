package io.zokio.autoconfigure;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import io.netty.handler.ssl.SslClosedEngineException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures of an exchange the handler ends quietly as a client that went away, and where it
 * stands among the exception handlers.
 */
class DisconnectedClientExceptionHandlerTests {

	private final DisconnectedClientExceptionHandler handler = new DisconnectedClientExceptionHandler();

	@Test
	void endsQuietlyWhatAClientLeavingCauses() {
		for (Throwable gone : new Throwable[] { new SslClosedEngineException("SSLEngine closed already"),
				new ClosedChannelException(), new IOException("wrapped", new ClosedChannelException()),
				new AbortedException("Connection has been closed"), new IOException("Connection reset by peer"),
				new IOException("Broken pipe") }) {
			assertThat(passedOn(gone)).as(gone.toString()).isNull();
		}
	}

	@Test
	void passesOnEveryOtherFailure() {
		for (Throwable failure : new Throwable[] { new IllegalStateException("bug"), new IOException("disk full"),
				new RuntimeException(new IllegalArgumentException("bad")) }) {
			assertThat(passedOn(failure)).isSameAs(failure);
		}
	}

	@Test
	void runsBeforeBootsErrorHandler() {
		assertThat(this.handler.getOrder()).isLessThan(-1).isGreaterThan(Ordered.HIGHEST_PRECEDENCE);
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZokioPipelineAutoConfiguration.class))
			.run((context) -> assertThat(context.getBeansOfType(WebExceptionHandler.class).values())
				.hasExactlyElementsOfTypes(DisconnectedClientExceptionHandler.class));
	}

	private @Nullable Throwable passedOn(Throwable failure) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/echo"));
		return this.handler.handle(exchange, failure).then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block();
	}

}
