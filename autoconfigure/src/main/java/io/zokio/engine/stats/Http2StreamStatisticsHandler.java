package io.zokio.engine.stats;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.zokio.engine.ChannelWrites;

/**
 * Follows one HTTP/2 stream of a connection (as HTTP/1.1 objects, after Reactor Netty's stream
 * codec): its response's status and the write of its last byte, recorded on the connection's
 * tracker. Streams run on their connection's event loop, so the tracker is used on one thread.
 */
final class Http2StreamStatisticsHandler extends ChannelDuplexHandler implements ChannelFutureListener {

	static final String NAME = "zokio.streamStatistics";

	private final ConnectionTracker tracker;

	private final long startNanos;

	private boolean ended;

	Http2StreamStatisticsHandler(ConnectionTracker tracker) {
		this.tracker = tracker;
		this.startNanos = tracker.streamStarted();
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response) {
			int status = response.status().code();
			if (status < 200) {
				this.tracker.informationalResponse(status);
				ctx.write(msg, promise);
				return;
			}
			this.tracker.streamResponseStarted(status);
		}
		if (msg instanceof LastHttpContent) {
			ChannelWrites.writeNotifying(ctx, msg, promise, this);
			return;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void operationComplete(ChannelFuture future) {
		end(future.isSuccess());
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		end(false);
		ctx.fireChannelInactive();
	}

	private void end(boolean answered) {
		if (!this.ended) {
			this.ended = true;
			this.tracker.streamEnded(this.startNanos, answered);
		}
	}

}
