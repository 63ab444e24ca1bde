package io.zokio.autoconfigure;

import java.time.Duration;

import io.zokio.engine.limits.ConnectionLimits;
import io.zokio.engine.limits.ProtectionPipelineConfigurer;
import io.zokio.engine.limits.ServerConnections;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Applies the connection limits, timeouts and strict HTTP/1.1 checks to the application's server
 * only, and Zokio's idle timeout when {@code server.netty.idle-timeout} is not set.
 */
public final class ProtectionWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

	private final ProtectionPipelineConfigurer pipelineConfigurer;

	private final @Nullable Duration defaultIdleTimeout;

	/**
	 * Create a customizer applying the given limits.
	 * @param limits the limits
	 * @param connections the server's live connections
	 * @param defaultIdleTimeout the idle timeout to apply, or {@code null} when Boot's
	 * {@code server.netty.idle-timeout} applies
	 */
	public ProtectionWebServerFactoryCustomizer(ConnectionLimits limits, ServerConnections connections,
			@Nullable Duration defaultIdleTimeout) {
		this.pipelineConfigurer = new ProtectionPipelineConfigurer(limits, connections);
		this.defaultIdleTimeout = defaultIdleTimeout;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers((server) -> server.doOnChannelInit(this.pipelineConfigurer));
		if (this.defaultIdleTimeout != null && !this.defaultIdleTimeout.isZero()) {
			factory.addServerCustomizers((server) -> server.idleTimeout(this.defaultIdleTimeout));
		}
	}

}
