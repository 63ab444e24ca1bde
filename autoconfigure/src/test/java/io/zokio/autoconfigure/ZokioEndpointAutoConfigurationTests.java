package io.zokio.autoconfigure;

import io.zokio.actuate.endpoint.ZokioEndpoint;
import io.zokio.autoconfigure.actuate.endpoint.ZokioEndpointAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ZokioEndpointAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZokioAutoConfiguration.class,
				ZokioEngineAutoConfiguration.class, NettyReactiveWebServerAutoConfiguration.class,
				ZokioEndpointAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=0s");

	@Test
	void endpointIsPresentWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=zokio").run((context) -> {
			assertThat(context).hasSingleBean(ZokioEndpoint.class);
			ZokioEndpoint.ZokioDescriptor report = context.getBean(ZokioEndpoint.class).zokio();
			assertThat(report.transport()).isNotNull();
			assertThat(context.getBean(ZokioEndpoint.class).section("transport")).isEqualTo(report.transport());
			assertThat(context.getBean(ZokioEndpoint.class).section("unknown")).isNull();
		});
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ZokioEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=zokio",
					"management.endpoint.zokio.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ZokioEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenZokioIsDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=zokio", "zokio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ZokioEndpoint.class));
	}

}
