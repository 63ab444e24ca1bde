package io.zokio.engine.stats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;

/**
 * Sits nearest the socket: counts bytes read and written, and sees every close the server starts
 * and every error, so that the connection's close reason is known when it goes inactive.
 */
public final class ConnectionStatisticsHandler extends ChannelDuplexHandler {

	/**
	 * The handler's name in the pipeline.
	 */
	public static final String NAME = "zokio.connectionStatistics";

	private final ConnectionTracker tracker;

	ConnectionStatisticsHandler(ConnectionTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf buffer) {
			this.tracker.bytesRead(buffer.readableBytes());
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof ByteBuf buffer) {
			this.tracker.bytesWritten(buffer.readableBytes());
		}
		else if (msg instanceof ByteBufHolder holder) {
			this.tracker.bytesWritten(holder.content().readableBytes());
		}
		else if (msg instanceof FileRegion region) {
			this.tracker.bytesWritten(region.count() - region.transferred());
		}
		ctx.write(msg, promise);
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		CloseReason marked = CloseReasons.of(ctx.channel());
		this.tracker.closing((marked != null) ? marked : this.tracker.serverCloseReason());
		ctx.close(promise);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		this.tracker.closing(CloseReason.ERROR);
		ctx.fireExceptionCaught(cause);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		CloseReason marked = CloseReasons.of(ctx.channel());
		if (marked != null) {
			this.tracker.closing(marked);
		}
		this.tracker.closed();
		ctx.fireChannelInactive();
	}

}
