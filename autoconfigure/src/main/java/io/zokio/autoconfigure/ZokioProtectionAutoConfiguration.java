package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.Locale;

import io.zokio.engine.ZokioEngine;
import io.zokio.engine.conformance.ConformanceParticipant;
import io.zokio.engine.protection.ConnectionLimits;
import io.zokio.engine.protection.ProtectionParticipant;
import io.zokio.engine.protection.ProxyProtocolPolicy;
import io.zokio.engine.protection.ServerConnections;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configuration of the protection of the application's server: connection limit, timeouts,
 * strict HTTP/1.1, Zokio's part of a graceful shutdown, readiness and liveness that follow the
 * server's own refusals and stuck event loops, and the server settings Zokio applies where Boot's
 * own properties leave them free.
 */
@AutoConfiguration(after = { ZokioAutoConfiguration.class, ZokioStatisticsAutoConfiguration.class })
@ConditionalOnZokioServer
@EnableConfigurationProperties({ ZokioProperties.class, NettyServerProperties.class })
public final class ZokioProtectionAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ZokioProtectionAutoConfiguration.class);

	private static final String SHUTDOWN_PHASE_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

	private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	@ConditionalOnMissingBean
	ServerConnections serverConnections(ZokioProperties properties) {
		Integer max = properties.getConnections().getMax();
		return new ServerConnections((max != null) ? max : ConnectionLimits.defaultMaxConnections(),
				proxyProtocolPolicy(properties.getProxyProtocol()));
	}

	private static ProxyProtocolPolicy proxyProtocolPolicy(ZokioProperties.ProxyProtocol proxyProtocol) {
		if (proxyProtocol.getMode() == ZokioProperties.ProxyProtocol.Mode.OFF) {
			return ProxyProtocolPolicy.OFF;
		}
		String mode = proxyProtocol.getMode().name().toLowerCase(Locale.ROOT);
		ProxyProtocolPolicy policy = ProxyProtocolPolicy.of(mode, proxyProtocol.getTrustedSources());
		if (policy.trustedSources().isEmpty()) {
			logger.warn("Zokio PROXY protocol: " + mode + ", headers taken from every peer: any client that reaches "
					+ "the port can claim any address. Set zokio.proxy-protocol.trusted-sources to the load "
					+ "balancers' addresses.");
		}
		else {
			logger.info("Zokio PROXY protocol: " + mode + ", headers taken only from " + policy.trustedSources());
		}
		return policy;
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ConformanceParticipant conformanceParticipant(ZokioProperties properties,
			NettyServerProperties nettyServerProperties, Environment environment) {
		return new ConformanceParticipant(properties.getConnections().getMaxRequestBodySize().toBytes(),
				HttpServerWebServerFactoryCustomizer.requestLineLength(requestLineSet(environment),
						nettyServerProperties));
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	ProtectionParticipant protectionParticipant(ZokioProperties properties, NettyServerProperties nettyServerProperties,
			ServerConnections serverConnections) {
		ZokioProperties.Connections connections = properties.getConnections();
		ZokioProperties.Http2 http2 = properties.getHttp2();
		ConnectionLimits limits = new ConnectionLimits(serverConnections.maxConnections(),
				connections.getRequestHeaderTimeout(), connections.getRequestBodyTimeout(),
				connections.getWriteTimeout(), connections.getMaxRequestBodySize().toBytes(),
				http2.getMaxControlFrames(), http2.getControlFrameWindow(), connections.getMinRequestBodyRate().toRate(),
				connections.getMinResponseRate().toRate(), connections.idleTimeout(nettyServerProperties.getIdleTimeout()));
		return new ProtectionParticipant(limits, serverConnections,
				serverConnections.proxyProtocol().isOn());
	}

	@Bean
	ProtectionWebServerFactoryCustomizer protectionWebServerFactoryCustomizer(ServerConnections serverConnections) {
		return new ProtectionWebServerFactoryCustomizer(serverConnections);
	}

	@Bean
	HttpServerWebServerFactoryCustomizer httpServerWebServerFactoryCustomizer(ZokioProperties properties,
			NettyServerProperties nettyServerProperties, Environment environment) {
		return new HttpServerWebServerFactoryCustomizer(properties, requestLineSet(environment));
	}

	private static boolean requestLineSet(Environment environment) {
		return Binder.get(environment).bind("server.netty.max-initial-line-length", DataSize.class).isBound();
	}

	@Bean
	ZokioShutdownLifecycle zokioShutdownLifecycle(ApplicationEventPublisher publisher,
			ServerConnections serverConnections, ZokioProperties properties, Environment environment) {
		Duration drainDelay = properties.getShutdown().getDrainDelay();
		Duration phaseTimeout = Binder.get(environment)
			.bind(SHUTDOWN_PHASE_TIMEOUT, Duration.class)
			.orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
		if (!drainDelay.isZero() && drainDelay.compareTo(phaseTimeout) >= 0) {
			throw new InvalidConfigurationPropertyValueException("zokio.shutdown.drain-delay", drainDelay,
					"must be shorter than " + SHUTDOWN_PHASE_TIMEOUT + " (" + ZokioPropertiesValidator.format(phaseTimeout) + "), which ends the "
							+ "drain's shutdown phase and would cut it; shorten the drain or raise " + SHUTDOWN_PHASE_TIMEOUT);
		}
		return new ZokioShutdownLifecycle(publisher, serverConnections, drainDelay);
	}

	@Bean
	ZokioAvailability zokioAvailability(ApplicationEventPublisher publisher, ServerConnections serverConnections,
			ZokioEngine zokioEngine) {
		return new ZokioAvailability(publisher, serverConnections, zokioEngine);
	}

}
