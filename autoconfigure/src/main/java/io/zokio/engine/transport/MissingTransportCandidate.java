package io.zokio.engine.transport;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A transport that cannot be tried at all: its classes are not on the classpath, or it does not
 * exist on this operating system. Fails at the {@link Stage#LOAD} stage.
 */
final class MissingTransportCandidate implements TransportCandidate {

	private final Transport transport;

	private final String reason;

	MissingTransportCandidate(Transport transport, String reason) {
		this.transport = transport;
		this.reason = reason;
	}

	@Override
	public Transport transport() {
		return this.transport;
	}

	@Override
	public @Nullable Throwable unavailabilityCause() {
		return new IllegalStateException(this.reason);
	}

	@Override
	public IoHandlerFactory ioHandlerFactory() {
		throw new IllegalStateException(this.reason);
	}

	@Override
	public <C extends Channel> Class<? extends C> channelClass(Class<C> channelType) {
		throw new IllegalStateException(this.reason);
	}

}
