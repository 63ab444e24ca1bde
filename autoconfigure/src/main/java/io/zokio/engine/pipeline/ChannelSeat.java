package io.zokio.engine.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * The seat of one connection, handed to every participant's listener.
 */
final class ChannelSeat implements Seat {

	private final Channel channel;

	ChannelSeat(Channel channel) {
		this.channel = channel;
	}

	@Override
	public void close(CloseReason reason) {
		CloseReasons.mark(this.channel, reason);
		this.channel.close();
	}

	@Override
	public void cut(CloseReason reason) {
		CloseReasons.mark(this.channel, reason);
		ChannelHandlerContext seat = this.channel.pipeline().context(ZokioPipeline.CONNECTION_HANDLER);
		if (seat != null) {
			seat.close();
		}
		else {
			this.channel.close();
		}
	}

	@Override
	public void willClose(CloseReason reason) {
		CloseReasons.mark(this.channel, reason);
	}

	@Override
	public long pendingWriteBytes() {
		ChannelOutboundBuffer outbound = this.channel.unsafe().outboundBuffer();
		return (outbound != null) ? outbound.totalPendingWriteBytes() : 0;
	}

}
