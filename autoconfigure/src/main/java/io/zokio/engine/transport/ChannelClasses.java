package io.zokio.engine.transport;

import java.util.List;

import io.netty.channel.Channel;

/**
 * A transport's implementations of the channel types Reactor Netty asks for.
 */
final class ChannelClasses {

	private final List<Class<? extends Channel>> implementations;

	private final Transport transport;

	@SafeVarargs
	ChannelClasses(Transport transport, Class<? extends Channel>... implementations) {
		this.transport = transport;
		this.implementations = List.of(implementations);
	}

	<C extends Channel> Class<? extends C> resolve(Class<C> channelType) {
		for (Class<? extends Channel> implementation : this.implementations) {
			if (channelType.isAssignableFrom(implementation)) {
				return implementation.asSubclass(channelType);
			}
		}
		throw new UnsupportedOperationException(
				"The " + this.transport + " transport has no " + channelType.getSimpleName());
	}

}
