package io.zokio.engine.transport;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.zokio.engine.selection.Stage;

/**
 * A transport candidate that runs on NIO but fails at a chosen stage, standing in for a native
 * transport that cannot load, cannot create its event loops, or cannot bind.
 */
public final class TestCandidate implements TransportCandidate {

	private final Transport transport;

	private final Stage failAt;

	private final String cause;

	private final TransportCandidate nio = NioTransportCandidate.withDefaultSelector();

	private TestCandidate(Transport transport, Stage failAt, String cause) {
		this.transport = transport;
		this.failAt = failAt;
		this.cause = cause;
		this.nio.unavailabilityCause();
	}

	public static TestCandidate failingAt(Transport transport, Stage stage, String cause) {
		return new TestCandidate(transport, stage, cause);
	}

	static TestCandidate working(Transport transport) {
		return new TestCandidate(transport, null, null);
	}

	@Override
	public Transport transport() {
		return this.transport;
	}

	@Override
	public Throwable unavailabilityCause() {
		return (this.failAt == Stage.LOAD) ? new UnsatisfiedLinkError(this.cause) : null;
	}

	@Override
	public IoHandlerFactory ioHandlerFactory() {
		IoHandlerFactory factory = this.nio.ioHandlerFactory();
		if (this.failAt != Stage.INIT) {
			return factory;
		}
		return (executor) -> {
			throw new IllegalStateException(this.cause);
		};
	}

	@Override
	public <C extends Channel> Class<? extends C> channelClass(Class<C> channelType) {
		return this.nio.channelClass(channelType);
	}

	@Override
	public <C extends Channel> C newChannel(Class<C> channelType) {
		if (this.failAt == Stage.BIND) {
			throw new IllegalStateException(this.cause);
		}
		return this.nio.newChannel(channelType);
	}

}
