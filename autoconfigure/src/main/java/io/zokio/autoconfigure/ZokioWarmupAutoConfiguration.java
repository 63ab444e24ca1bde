package io.zokio.autoconfigure;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationHandler;
import io.zokio.engine.warmup.Warmup;
import io.zokio.engine.warmup.WarmupRequest;
import io.zokio.engine.warmup.WarmupSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Auto-configuration of the warm-up of the application's server, when {@code zokio.warmup.enabled}:
 * requests sent through the server after it starts and before the application reports ready,
 * recorded apart from the server's statistics, and marked in Spring's HTTP server observations so
 * that the meters they would make are denied.
 */
@AutoConfiguration(after = ZokioAutoConfiguration.class)
@ConditionalOnZokioServer
@ConditionalOnBooleanProperty("zokio.warmup.enabled")
@EnableConfigurationProperties({ ZokioProperties.class, ServerProperties.class })
public final class ZokioWarmupAutoConfiguration {

	@Bean
	Warmup zokioWarmup(ZokioProperties properties, Environment environment) {
		WarmupProperties warmup = properties.getWarmup();
		List<WarmupRequest> requests = warmup.getRequests()
			.stream()
			.map((request) -> new WarmupRequest(request.getMethod(), String.valueOf(request.getPath()),
					request.getHeaders(), request.getBody()))
			.toList();
		if (requests.isEmpty()) {
			requests = List.of(new WarmupRequest("GET", HealthPath.of(environment) + "/ping", Map.of(), null));
		}
		return new Warmup(new WarmupSettings(requests, warmup.getDuration(), warmup.getMaxRequests(),
				warmup.concurrency()));
	}

	@Bean
	ZokioWarmupRunner zokioWarmupRunner(Warmup warmup, ZokioProperties properties, ServerProperties serverProperties,
			ApplicationContext context) {
		return new ZokioWarmupRunner(warmup, properties, serverProperties, context);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ObservationHandler.class, MeterFilter.class, ServerRequestObservationContext.class })
	static class WarmupObservationConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		WarmupObservationHandler zokioWarmupObservationHandler(Warmup warmup) {
			return new WarmupObservationHandler(warmup.peers());
		}

		@Bean
		MeterFilter zokioWarmupMeterFilter() {
			return MeterFilter.deny(WarmupObservationHandler::isWarmup);
		}

	}

}
