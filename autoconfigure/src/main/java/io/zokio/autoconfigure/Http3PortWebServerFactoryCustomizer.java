package io.zokio.autoconfigure;

import io.zokio.engine.http3.SharedPort;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Gives a server asked for an ephemeral port ({@code server.port=0}, as a test with a random
 * port is) a port free on both TCP and UDP, so that HTTP/3 can serve on the number TCP bound.
 * Runs after Boot's own customizers, which set the factory's port and address.
 */
final class Http3PortWebServerFactoryCustomizer implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>,
		Ordered {

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		if (factory.getPort() == 0) {
			factory.setPort(SharedPort.ephemeral(factory.getAddress()));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
