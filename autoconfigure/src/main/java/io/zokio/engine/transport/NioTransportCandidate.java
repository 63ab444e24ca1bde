package io.zokio.engine.transport;

import java.nio.channels.spi.SelectorProvider;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * The JDK's NIO transport on a given selector provider: the JDK default (epoll on Linux) or the
 * poll(2)-based provider, which still works where {@code epoll_create} is denied.
 */
final class NioTransportCandidate implements TransportCandidate {

	static final String POLL_SELECTOR_PROVIDER = "sun.nio.ch.PollSelectorProvider";

	private static final ChannelClasses CHANNELS = new ChannelClasses(Transport.NIO, NioServerSocketChannel.class,
			NioSocketChannel.class, NioDatagramChannel.class);

	private final Supplier<SelectorProvider> providerSupplier;

	private volatile @Nullable SelectorProvider provider;

	private volatile @Nullable Throwable unavailabilityCause;

	private NioTransportCandidate(Supplier<SelectorProvider> providerSupplier) {
		this.providerSupplier = providerSupplier;
	}

	static NioTransportCandidate withDefaultSelector() {
		return new NioTransportCandidate(SelectorProvider::provider);
	}

	static NioTransportCandidate withPollSelector() {
		return new NioTransportCandidate(NioTransportCandidate::pollSelectorProvider);
	}

	private static SelectorProvider pollSelectorProvider() {
		try {
			return (SelectorProvider) Class.forName(POLL_SELECTOR_PROVIDER).getConstructor().newInstance();
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("the poll selector needs --add-exports java.base/sun.nio.ch=ALL-UNNAMED",
					ex);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new IllegalStateException("the poll selector is not available on this JDK", ex);
		}
	}

	@Override
	public Transport transport() {
		return Transport.NIO;
	}

	@Override
	public @Nullable Throwable unavailabilityCause() {
		if (this.provider == null && this.unavailabilityCause == null) {
			try {
				this.provider = this.providerSupplier.get();
			}
			catch (RuntimeException ex) {
				this.unavailabilityCause = ex;
			}
		}
		return this.unavailabilityCause;
	}

	@Override
	public IoHandlerFactory ioHandlerFactory() {
		return NioIoHandler.newFactory(selectorProvider());
	}

	@Override
	public <C extends Channel> Class<? extends C> channelClass(Class<C> channelType) {
		return CHANNELS.resolve(channelType);
	}

	@Override
	public <C extends Channel> C newChannel(Class<C> channelType) {
		Class<? extends C> channelClass = channelClass(channelType);
		SelectorProvider selectorProvider = selectorProvider();
		if (channelClass == NioServerSocketChannel.class) {
			return channelType.cast(new NioServerSocketChannel(selectorProvider));
		}
		if (channelClass == NioSocketChannel.class) {
			return channelType.cast(new NioSocketChannel(selectorProvider));
		}
		return channelType.cast(new NioDatagramChannel(selectorProvider));
	}

	private SelectorProvider selectorProvider() {
		SelectorProvider selectorProvider = this.provider;
		if (selectorProvider == null) {
			throw new IllegalStateException("The NIO selector provider did not load", this.unavailabilityCause);
		}
		return selectorProvider;
	}

}
