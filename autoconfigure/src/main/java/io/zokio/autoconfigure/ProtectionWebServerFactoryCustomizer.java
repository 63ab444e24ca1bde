package io.zokio.autoconfigure;

import io.zokio.engine.pipeline.ZokioPipeline;
import io.zokio.engine.protection.AcceptProtection;
import io.zokio.engine.protection.ServerConnections;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Places the {@link AcceptProtection} of the application server's listening channel, which counts
 * failed accepts and backs the acceptor off when descriptors run out.
 */
public final class ProtectionWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

	private final ServerConnections serverConnections;

	/**
	 * Create a customizer counting into the given server connections.
	 * @param serverConnections the server's connections, which count failed accepts
	 */
	public ProtectionWebServerFactoryCustomizer(ServerConnections serverConnections) {
		this.serverConnections = serverConnections;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers((server) -> server.doOnBound((bound) -> bound.channel()
			.pipeline()
			.addFirst(ZokioPipeline.ACCEPT_HANDLER, new AcceptProtection(this.serverConnections))));
	}

}
