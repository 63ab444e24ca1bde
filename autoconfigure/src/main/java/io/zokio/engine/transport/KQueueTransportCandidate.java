package io.zokio.engine.transport;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.kqueue.KQueueDatagramChannel;
import io.netty.channel.kqueue.KQueueDomainSocketChannel;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.channel.kqueue.KQueueServerDomainSocketChannel;
import io.netty.channel.kqueue.KQueueServerSocketChannel;
import io.netty.channel.kqueue.KQueueSocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * The BSD and macOS kqueue transport. Only loaded once its classes are known to be present.
 */
final class KQueueTransportCandidate implements TransportCandidate {

	private static final ChannelClasses CHANNELS = new ChannelClasses(Transport.KQUEUE,
			KQueueServerSocketChannel.class, KQueueSocketChannel.class, KQueueDatagramChannel.class,
			KQueueServerDomainSocketChannel.class, KQueueDomainSocketChannel.class);

	@Override
	public Transport transport() {
		return Transport.KQUEUE;
	}

	@Override
	public @Nullable Throwable unavailabilityCause() {
		return KQueue.isAvailable() ? null : KQueue.unavailabilityCause();
	}

	@Override
	public IoHandlerFactory ioHandlerFactory() {
		return KQueueIoHandler.newFactory();
	}

	@Override
	public <C extends Channel> Class<? extends C> channelClass(Class<C> channelType) {
		return CHANNELS.resolve(channelType);
	}

}
