package io.zokio.autoconfigure;

import io.zokio.engine.transport.EpollDefaultLoops;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * With {@code zokio.enabled=false} the server runs on the event loops plain Spring Boot would run:
 * epoll, where the io_uring transport the starter brings would otherwise take over.
 */
class ZokioOffAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZokioOffAutoConfiguration.class));

	@Test
	void appliesOnlyWhenZokioIsTurnedOff() {
		this.runner.withPropertyValues("zokio.enabled=false")
			.run((context) -> assertThat(context).hasBean("zokioPlainBootLoops"));
		this.runner.run((context) -> assertThat(context).doesNotHaveBean("zokioPlainBootLoops"));
	}

	@Test
	void servesOnTheEpollLoopsPlainBootRuns() throws Exception {
		assumeThat(EpollDefaultLoops.differFromReactorNetty()).as("epoll and io_uring both load here").isTrue();
		try (TestServer server = TestServer.start("--zokio.enabled=false")) {
			assertThat(server.http().get("/thread").body()).startsWith("reactor-http-epoll-");
		}
		try (TestServer server = TestServer.start("--zokio.enabled=true")) {
			assertThat(server.http().get("/thread").body()).startsWith("zokio-http-");
		}
	}

}
