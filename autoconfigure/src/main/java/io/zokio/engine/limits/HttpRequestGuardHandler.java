package io.zokio.engine.limits;

import java.util.Iterator;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.zokio.engine.ChannelWrites;
import io.zokio.engine.stats.ConnectionTracker;
import io.zokio.engine.stats.HttpExchangeStatisticsHandler;

/**
 * Sits after the HTTP/1.1 codec: refuses a request of an HTTP version the server does not speak
 * ({@code 505}) or without exactly one {@code Host} ({@code 400}, RFC 9112 section 3.2), follows
 * each request and response for the connection's deadlines, and during shutdown makes responses
 * carry {@code Connection: close}. With statistics on, it takes the place of the
 * {@link HttpExchangeStatisticsHandler} and records the exchanges itself, so that each message
 * passes one handler and each response's last write has one listener.
 */
final class HttpRequestGuardHandler extends ChannelDuplexHandler implements ChannelFutureListener {

	static final String NAME = "zokio.httpRequestGuard";

	private final ConnectionGuard guard;

	private final ConnectionTracker tracker;

	private boolean refusing;

	HttpRequestGuardHandler(ConnectionGuard guard, ConnectionTracker tracker) {
		this.guard = guard;
		this.tracker = tracker;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.guard.httpContext(ctx, this.tracker);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.tracker != null) {
			HttpExchangeStatisticsHandler.recordRead(this.tracker, msg);
		}
		if (this.refusing) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			HttpResponseStatus refusal = refusal(request);
			this.guard.requestDecoded(msg instanceof LastHttpContent);
			if (refusal != null) {
				this.refusing = true;
				ReferenceCountUtil.release(msg);
				this.guard.respondAndClose(refusal);
				return;
			}
		}
		else if (msg instanceof LastHttpContent) {
			this.guard.requestBodyEnded();
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response
				&& response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
			this.guard.disable();
		}
		else if (msg instanceof HttpResponse response && !isInformational(response)) {
			if (this.guard.responseStarted()) {
				response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			}
		}
		else if (msg instanceof HttpContent) {
			this.guard.responseWrite();
		}
		if (this.tracker != null) {
			HttpExchangeStatisticsHandler.recordWrite(this.tracker, msg);
		}
		if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse response && isInformational(response))) {
			ChannelWrites.writeNotifying(ctx, msg, promise, (this.tracker != null) ? this : this.guard);
			return;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void operationComplete(ChannelFuture future) {
		this.guard.operationComplete(future);
		this.tracker.operationComplete(future);
	}

	private static HttpResponseStatus refusal(HttpRequest request) {
		if (request.decoderResult().isFailure()) {
			return null;
		}
		HttpVersion version = request.protocolVersion();
		boolean http11 = version.majorVersion() == 1 && version.minorVersion() == 1;
		boolean http10 = version.majorVersion() == 1 && version.minorVersion() == 0;
		if (!http11 && !http10) {
			return HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED;
		}
		int hosts = hostCount(request);
		if (hosts > 1 || (http11 && hosts == 0)) {
			return HttpResponseStatus.BAD_REQUEST;
		}
		return null;
	}

	private static int hostCount(HttpRequest request) {
		Iterator<? extends CharSequence> hosts = request.headers().valueCharSequenceIterator(HttpHeaderNames.HOST);
		int count = 0;
		while (count < 2 && hosts.hasNext()) {
			hosts.next();
			count++;
		}
		return count;
	}

	private static boolean isInformational(HttpResponse response) {
		int status = response.status().code();
		return status < 200 && status != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
	}

}
