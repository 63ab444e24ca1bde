package io.zokio.engine.transport;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The Linux io_uring transport. Only loaded once its classes are known to be present.
 */
final class IoUringTransportCandidate implements TransportCandidate {

	private static final ChannelClasses CHANNELS = new ChannelClasses(Transport.IO_URING,
			IoUringServerSocketChannel.class, IoUringSocketChannel.class, IoUringDatagramChannel.class);

	@Override
	public Transport transport() {
		return Transport.IO_URING;
	}

	@Override
	public Throwable unavailabilityCause() {
		return IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
	}

	@Override
	public IoHandlerFactory ioHandlerFactory() {
		return IoUringIoHandler.newFactory();
	}

	@Override
	public <C extends Channel> Class<? extends C> channelClass(Class<C> channelType) {
		return CHANNELS.resolve(channelType);
	}

}
