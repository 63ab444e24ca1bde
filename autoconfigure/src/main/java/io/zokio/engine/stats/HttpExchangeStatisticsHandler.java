package io.zokio.engine.stats;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.zokio.engine.ChannelWrites;

/**
 * Sits just after the HTTP/1.1 codec: sees each decoded request head, each response head, and the
 * write of each response's last content, whose completion ends the exchange.
 */
public final class HttpExchangeStatisticsHandler extends ChannelDuplexHandler {

	/**
	 * The handler's name in the pipeline.
	 */
	public static final String NAME = "zokio.exchangeStatistics";

	private final ConnectionTracker tracker;

	HttpExchangeStatisticsHandler(ConnectionTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest request) {
			this.tracker.requestReceived(request.decoderResult().isFailure());
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response) {
			int status = response.status().code();
			if (isInformational(status)) {
				this.tracker.informationalResponse(status);
				ctx.write(msg, promise);
				return;
			}
			this.tracker.responseStarted(status);
		}
		if (msg instanceof LastHttpContent) {
			ChannelWrites.writeNotifying(ctx, msg, promise, this.tracker);
			return;
		}
		ctx.write(msg, promise);
	}

	private static boolean isInformational(int status) {
		return status < 200 && status != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
	}

}
