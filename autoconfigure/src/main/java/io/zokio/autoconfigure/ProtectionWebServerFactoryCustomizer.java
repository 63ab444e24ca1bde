package io.zokio.autoconfigure;

import java.time.Duration;

import io.zokio.engine.limits.AcceptGuard;
import io.zokio.engine.limits.ServerConnections;
import io.zokio.engine.pipeline.ZokioPipeline;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Applies Zokio's idle timeout when {@code server.netty.idle-timeout} is not set, the HTTP/2
 * limits the server advertises, and the {@link AcceptGuard} of its listening channel, to the
 * application's server only.
 */
public final class ProtectionWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

	private final @Nullable Duration defaultIdleTimeout;

	private final ZokioProperties.Http2 http2;

	private final ServerConnections serverConnections;

	/**
	 * Create a customizer applying the given settings.
	 * @param defaultIdleTimeout the idle timeout to apply, or {@code null} when Boot's
	 * {@code server.netty.idle-timeout} applies
	 * @param http2 the HTTP/2 limits
	 * @param serverConnections the server's connections, which count failed accepts
	 */
	public ProtectionWebServerFactoryCustomizer(@Nullable Duration defaultIdleTimeout, ZokioProperties.Http2 http2,
			ServerConnections serverConnections) {
		this.defaultIdleTimeout = defaultIdleTimeout;
		this.http2 = http2;
		this.serverConnections = serverConnections;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		if (this.defaultIdleTimeout != null && !this.defaultIdleTimeout.isZero()) {
			Duration idleTimeout = this.defaultIdleTimeout;
			factory.addServerCustomizers((server) -> server.idleTimeout(idleTimeout));
		}
		long maxStreams = this.http2.getMaxConcurrentStreams();
		long maxHeaderListSize = this.http2.getMaxHeaderListSize().toBytes();
		factory.addServerCustomizers((server) -> server
			.http2Settings((settings) -> settings.maxConcurrentStreams(maxStreams).maxHeaderListSize(maxHeaderListSize)));
		factory.addServerCustomizers((server) -> server.doOnBound((bound) -> bound.channel()
			.pipeline()
			.addFirst(ZokioPipeline.ACCEPT_HANDLER, new AcceptGuard(this.serverConnections))));
	}

}
