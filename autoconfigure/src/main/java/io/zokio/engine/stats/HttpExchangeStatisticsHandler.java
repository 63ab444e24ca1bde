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

	/**
	 * Return the tracker this handler records into, for a handler that takes its place.
	 * @return the tracker
	 */
	public ConnectionTracker tracker() {
		return this.tracker;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		recordRead(this.tracker, msg);
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (recordWrite(this.tracker, msg)) {
			ChannelWrites.writeNotifying(ctx, msg, promise, this.tracker);
			return;
		}
		ctx.write(msg, promise);
	}

	/**
	 * Record a message read from the HTTP/1.1 codec: a request head starts an exchange.
	 * @param tracker the connection's tracker
	 * @param msg the message
	 */
	public static void recordRead(ConnectionTracker tracker, Object msg) {
		if (msg instanceof HttpRequest request) {
			tracker.requestReceived(request.decoderResult().isFailure());
		}
	}

	/**
	 * Record a message about to be written to the HTTP/1.1 codec.
	 * @param tracker the connection's tracker
	 * @param msg the message
	 * @return whether the write ends the exchange, so that the tracker must be notified when it
	 * completes
	 */
	public static boolean recordWrite(ConnectionTracker tracker, Object msg) {
		if (msg instanceof HttpResponse response) {
			int status = response.status().code();
			if (isInformational(status)) {
				tracker.informationalResponse(status);
				return false;
			}
			tracker.responseStarted(status);
		}
		return msg instanceof LastHttpContent;
	}

	private static boolean isInformational(int status) {
		return status < 200 && status != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
	}

}
