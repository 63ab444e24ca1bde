package io.zokio.engine.transport;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * The Linux epoll transport. Only loaded once its classes are known to be present.
 */
final class EpollTransportCandidate implements TransportCandidate {

	private static final ChannelClasses CHANNELS = new ChannelClasses(Transport.EPOLL,
			EpollServerSocketChannel.class, EpollSocketChannel.class, EpollDatagramChannel.class,
			EpollServerDomainSocketChannel.class, EpollDomainSocketChannel.class);

	@Override
	public Transport transport() {
		return Transport.EPOLL;
	}

	@Override
	public @Nullable Throwable unavailabilityCause() {
		return Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
	}

	@Override
	public IoHandlerFactory ioHandlerFactory() {
		return EpollIoHandler.newFactory();
	}

	@Override
	public <C extends Channel> Class<? extends C> channelClass(Class<C> channelType) {
		return CHANNELS.resolve(channelType);
	}

}
