package io.zokio.engine.transport;

import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringBufferRingAllocator;
import io.netty.channel.uring.IoUringBufferRingConfig;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * The Linux io_uring transport. Only loaded once its classes are known to be present.
 * <p>
 * Turns Netty's multishot accept off ({@value #ACCEPT_MULTISHOT}{@code =false}) unless the
 * application set the property: once file descriptors run out, a multishot accept keeps posting
 * {@code EMFILE} completions that neither clearing auto-read nor cancelling stops, and the event
 * loop spins (a third of a core to a whole one, 1.5 million failed accepts in 4 seconds here),
 * where with one accept at a time Zokio's back-off holds it to about ten attempts. It turns
 * multishot receive off ({@value #RECV_MULTISHOT}{@code =false}) too: Netty uses it only with a
 * provided buffer ring, and an armed multishot receive goes on delivering data after backpressure
 * has paused reading (200 concurrent 1 MiB echoes held 76 MiB of pool at the peak with it, 46 MiB
 * without). Netty reads both properties once, when its {@code IoUring} class initializes, which
 * this class's initialization precedes.
 * <p>
 * With {@link ProvidedBuffers}, where the kernel supports provided buffer rings, each event loop
 * registers a ring filled from them: the kernel takes a buffer only when data arrives, so a
 * connection waiting for data holds none, and no read buffer is allocated before a read
 * completes. Rings are incremental where the kernel allows, so one buffer takes several small
 * reads. A ring starts with a batch of buffers and grows by a batch each time the kernel finds it
 * empty, up to its size; past that Netty fires {@code IoUringBufferRingExhaustedEvent} and the read
 * waits for buffers to return.
 * <p>
 * Each receive ends its connection's read loop ({@link #READS}): within a loop io_uring schedules
 * the next receive itself, past the pipeline, so a connection whose writes wait went on being read
 * up to 16 times a loop and Reactor Netty's prefetch of 128 body chunks was all that stopped it
 * (200 concurrent 1 MiB echoes whose clients read only once they have sent held 32 to 40 MiB of
 * pool at the peak). With one receive a loop, the next waits for the pipeline's read, which Zokio
 * keeps back until the connection's writes drain.
 */
final class IoUringTransportCandidate implements TransportCandidate {

	static final String ACCEPT_MULTISHOT = "io.netty.iouring.acceptMultiShotEnabled";

	static final String RECV_MULTISHOT = "io.netty.iouring.recvMultiShotEnabled";

	static {
		for (String multishot : new String[] { ACCEPT_MULTISHOT, RECV_MULTISHOT }) {
			if (System.getProperty(multishot) == null) {
				System.setProperty(multishot, "false");
			}
		}
	}

	private static final ChannelClasses CHANNELS = new ChannelClasses(Transport.IO_URING,
			IoUringServerSocketChannel.class, IoUringSocketChannel.class, IoUringDatagramChannel.class);

	static final short BUFFER_GROUP_ID = 0;

	static final RecvByteBufAllocator READS = new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(1);

	private final ProvidedBuffers providedBuffers;

	IoUringTransportCandidate(ProvidedBuffers providedBuffers) {
		this.providedBuffers = providedBuffers;
	}

	@Override
	public Transport transport() {
		return Transport.IO_URING;
	}

	@Override
	public @Nullable Throwable unavailabilityCause() {
		return IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
	}

	@Override
	public IoHandlerFactory ioHandlerFactory() {
		if (!readsIntoProvidedBuffers()) {
			return IoUringIoHandler.newFactory();
		}
		IoUringBufferRingConfig ring = IoUringBufferRingConfig.builder()
			.bufferGroupId(BUFFER_GROUP_ID)
			.bufferRingSize((short) this.providedBuffers.buffers())
			.batchSize(this.providedBuffers.batch())
			.allocator(new Source(this.providedBuffers))
			.build();
		return IoUringIoHandler.newFactory(new IoUringIoHandlerConfig().setBufferRingConfig(ring));
	}

	@Override
	public boolean readsIntoProvidedBuffers() {
		return this.providedBuffers.isProvided() && IoUring.isRegisterBufferRingSupported();
	}

	@Override
	public Map<ChannelOption<?>, Object> childOptions() {
		return readsIntoProvidedBuffers()
				? Map.of(ChannelOption.RCVBUF_ALLOCATOR, READS, IoUringChannelOption.IO_URING_BUFFER_GROUP_ID,
						BUFFER_GROUP_ID)
				: Map.of(ChannelOption.RCVBUF_ALLOCATOR, READS);
	}

	@Override
	public <C extends Channel> Class<? extends C> channelClass(Class<C> channelType) {
		return CHANNELS.resolve(channelType);
	}

	private record Source(ProvidedBuffers buffers) implements IoUringBufferRingAllocator {

		@Override
		public ByteBuf allocate() {
			return this.buffers.source().get();
		}

		@Override
		public void lastBytesRead(int attempted, int actual) {
		}

	}

}
