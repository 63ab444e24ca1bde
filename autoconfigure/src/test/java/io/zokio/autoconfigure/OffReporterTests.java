package io.zokio.autoconfigure;

import java.time.Duration;

import io.zokio.engine.transport.TransportMode;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.transport.TransportSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.boot.web.server.reactive.context.AnnotationConfigReactiveWebServerApplicationContext;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why Zokio does not run an application's server, as its one INFO line says.
 */
class OffReporterTests {

	private final ReactiveWebApplicationContextRunner reactiveServer = new ReactiveWebApplicationContextRunner(
			AnnotationConfigReactiveWebServerApplicationContext::new)
		.withBean(ReactiveWebServerFactory.class, () -> (handler) -> new IdleWebServer())
		.withBean(HttpHandler.class, () -> (request, response) -> response.setComplete());

	@Test
	void saysAnApplicationThatIsNotReactiveRunsOnItsOwnServer() {
		new ApplicationContextRunner().run((context) -> assertThat(OffReporter.reason(context.getSourceApplicationContext()))
			.startsWith("it is not a reactive web application"));
	}

	@Test
	void saysZokioWasTurnedOff() {
		this.reactiveServer.withPropertyValues("zokio.enabled=false")
			.run((context) -> assertThat(OffReporter.reason(context.getSourceApplicationContext())).isEqualTo("zokio.enabled is false"));
	}

	@Test
	void saysAReactiveServerWithoutZokiosTransportRunsWithoutIt() {
		this.reactiveServer.run((context) -> assertThat(OffReporter.reason(context.getSourceApplicationContext()))
			.startsWith("the application defines its own ReactorResourceFactory"));
	}

	@Test
	void saysNothingWhenZokioRunsTheServer() {
		this.reactiveServer
			.withBean(TransportSelector.class,
					() -> new TransportSelector(new TransportSettings(TransportMode.NIO, false, 1, Duration.ofSeconds(5))))
			.run((context) -> assertThat(OffReporter.reason(context.getSourceApplicationContext())).isNull());
	}

	private static final class IdleWebServer implements WebServer {

		@Override
		public void start() {
		}

		@Override
		public void stop() {
		}

		@Override
		public int getPort() {
			return 0;
		}

	}

}
