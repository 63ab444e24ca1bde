package io.zokio.autoconfigure;

import java.util.List;
import java.util.function.BooleanSupplier;

import io.zokio.engine.pipeline.ConnectionParticipant;
import io.zokio.engine.pipeline.ZokioPipelineConfigurer;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Places Zokio's pipeline in every connection and HTTP/2 stream of the application's server, with
 * the participants of every capability that is on. As a {@link WebServerFactoryCustomizer} it
 * applies to the factory of its own context only, so a management server on a separate port is
 * neither guarded nor counted.
 */
public final class PipelineWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

	private final ZokioPipelineConfigurer configurer;

	/**
	 * Create a customizer for the given participants.
	 * @param participants the participants, in order
	 * @param readsAwaitWrites whether a new connection reads only once its last write is done
	 */
	public PipelineWebServerFactoryCustomizer(List<ConnectionParticipant> participants,
			BooleanSupplier readsAwaitWrites) {
		this.configurer = new ZokioPipelineConfigurer(participants, readsAwaitWrites);
	}

	/**
	 * Return the configurer that places Zokio's handlers, which the HTTP/3 server shares.
	 * @return the configurer
	 */
	public ZokioPipelineConfigurer configurer() {
		return this.configurer;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers((server) -> server.doOnChannelInit(this.configurer).childObserve(this.configurer));
	}

}
