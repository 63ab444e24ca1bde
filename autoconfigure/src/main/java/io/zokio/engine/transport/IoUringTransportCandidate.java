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
 * <p>
 * Turns Netty's multishot accept off ({@value #ACCEPT_MULTISHOT}{@code =false}) unless the
 * application set the property: once file descriptors run out, a multishot accept keeps posting
 * {@code EMFILE} completions that neither clearing auto-read nor cancelling stops, and the event
 * loop spins (a third of a core to a whole one, 1.5 million failed accepts in 4 seconds here),
 * where with one accept at a time Zokio's back-off holds it to about ten attempts. Netty reads the
 * property once, when its {@code IoUring} class initializes, which this class's initialization
 * precedes.
 */
final class IoUringTransportCandidate implements TransportCandidate {

	static final String ACCEPT_MULTISHOT = "io.netty.iouring.acceptMultiShotEnabled";

	static {
		if (System.getProperty(ACCEPT_MULTISHOT) == null) {
			System.setProperty(ACCEPT_MULTISHOT, "false");
		}
	}

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
