package io.zokio.engine.pipeline;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * The seat after the HTTP codec: just after the HTTP/1.1 codec of a connection, or after the
 * HTTP/2-to-HTTP/1.1 codec of one stream. Hands each decoded request and each response to the
 * listeners, and is the one path through which every refusal is answered, counted and closed.
 * Answers {@code OPTIONS *} and refusals that keep the connection itself, in their turn among
 * pipelined requests: the requests behind them wait here until they are answered.
 */
final class ExchangeHandler extends ChannelDuplexHandler implements Exchange, ChannelFutureListener {

	private final @Nullable ConnectionHandler connection;

	private ExchangeListener listener = ExchangeListener.NONE;

	private @Nullable ChannelHandlerContext context;

	private boolean refusing;

	private boolean responding;

	private int unanswered;

	private boolean discarding;

	private @Nullable WaitingRequests waiting;

	private int behind;

	private ExchangeHandler(@Nullable ConnectionHandler connection) {
		this.connection = connection;
	}

	/**
	 * Create the handler of an HTTP/1.1 connection's exchanges.
	 * @param connection the connection's handler
	 * @param listener the connection's listener
	 * @return the handler
	 */
	static ExchangeHandler http11(ConnectionHandler connection, ConnectionListener listener) {
		ExchangeHandler handler = new ExchangeHandler(connection);
		handler.listener = listener.http11Exchanges(handler);
		return handler;
	}

	/**
	 * Create the handler of one HTTP/2 stream.
	 * @param listener the stream's connection's listener
	 * @return the handler
	 */
	static ExchangeHandler stream(ConnectionListener listener) {
		ExchangeHandler handler = new ExchangeHandler(null);
		handler.listener = listener.streamOpened(handler);
		return handler;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
	}

	/**
	 * Count the exchange as a request that could not be decoded, which its stream's close ends.
	 */
	void malformed() {
		this.listener.malformed();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		take(ctx, msg, false);
	}

	private void take(ChannelHandlerContext ctx, Object msg, boolean counted) {
		if (this.refusing) {
			ReferenceCountUtil.release(msg);
		}
		else if (this.waiting != null) {
			if (msg instanceof HttpRequest && !counted) {
				this.unanswered++;
			}
			this.waiting.add(msg);
		}
		else {
			receive(ctx, msg, counted);
		}
	}

	private void receive(ChannelHandlerContext ctx, Object msg, boolean counted) {
		Refusal refusal = null;
		if (msg instanceof HttpRequest request) {
			refusal = this.listener.requestReceived(request, msg instanceof LastHttpContent);
		}
		else if (msg instanceof HttpContent content) {
			refusal = content.decoderResult().isFailure() ? Refusal.CHUNK
					: this.listener.requestContent(content, msg instanceof LastHttpContent);
		}
		if (refusal != null && !(refusal.keepsConnection() && this.connection != null
				&& msg instanceof HttpRequest request && ServerAnswers.hasNoBody(request))) {
			ReferenceCountUtil.release(msg);
			refuse(refusal);
			return;
		}
		if (msg instanceof HttpRequest request) {
			if (!counted) {
				this.unanswered++;
			}
			if (refusal != null || ServerAnswers.isAboutTheServer(request)) {
				answerInTurn(ctx, request, refusal);
				return;
			}
		}
		else if (this.discarding) {
			this.discarding = !(msg instanceof LastHttpContent);
			ReferenceCountUtil.release(msg);
			return;
		}
		ctx.fireChannelRead(msg);
	}

	/**
	 * Answer a request without the application, once every request ahead of it is answered: with
	 * {@code 200} for {@code OPTIONS *}, or with a refusal that keeps the connection.
	 */
	private void answerInTurn(ChannelHandlerContext ctx, HttpRequest request, @Nullable Refusal refusal) {
		this.discarding = !(request instanceof LastHttpContent);
		boolean close = this.connection != null && !HttpUtil.isKeepAlive(request);
		ReferenceCountUtil.release(request);
		if (refusal != null) {
			this.listener.refused(refusal);
		}
		FullHttpResponse answer = ServerAnswers.of(ctx.alloc(), refusal, close);
		int unansweredAhead = this.unanswered - 1 - this.behind;
		if (unansweredAhead == 0) {
			answerItself(ctx, answer);
			ChannelWrites.readOn(ctx);
		}
		else {
			this.waiting = new WaitingRequests(unansweredAhead, answer);
		}
	}

	private void answerItself(ChannelHandlerContext ctx, FullHttpResponse answer) {
		ChannelPromise promise = ctx.newPromise();
		if (!HttpUtil.isKeepAlive(answer)) {
			promise.addListener(ChannelFutureListener.CLOSE);
		}
		write(ctx, answer, promise);
		ctx.flush();
	}

	private void takeTurn(ChannelHandlerContext ctx) {
		WaitingRequests held = this.waiting;
		if (held == null) {
			return;
		}
		this.waiting = null;
		answerItself(ctx, held.answer());
		if (held.isEmpty()) {
			ChannelWrites.readOn(ctx);
			return;
		}
		this.behind = held.requests();
		Object msg;
		while ((msg = held.poll()) != null) {
			if (msg instanceof HttpRequest) {
				this.behind--;
			}
			take(ctx, msg, true);
		}
		this.behind = 0;
		ctx.fireChannelReadComplete();
	}

	/**
	 * Return how many requests were passed on and not yet answered: what the HTTP/1.1 codec holds
	 * in its pipelining queue.
	 * @return the unanswered requests
	 */
	int unanswered() {
		return this.unanswered;
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response) {
			int status = response.status().code();
			if (status == HttpResponseStatus.SWITCHING_PROTOCOLS.code() && this.connection != null
					&& response.headers().containsValue(HttpHeaderNames.UPGRADE, Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, true)) {
				this.connection.upgradedToHttp2();
				ctx.write(msg, promise);
				ctx.pipeline().remove(this);
				return;
			}
			if (status < 200 && status != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
				this.listener.informationalResponse(status);
				ctx.write(msg, promise);
				return;
			}
			this.responding = true;
			if (!response.headers().contains(HttpHeaderNames.DATE)) {
				response.headers().set(HttpHeaderNames.DATE, DateHeader.now());
			}
			if (this.listener.responseStarted(status, ResponseKind.of(response)) && this.connection != null) {
				response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			}
		}
		else if (msg instanceof HttpContent) {
			this.listener.responseContent();
		}
		if (msg instanceof LastHttpContent) {
			ChannelWrites.writeNotifying(ctx, msg, promise, this);
			answered();
			return;
		}
		ctx.write(msg, promise);
	}

	private void answered() {
		if (this.unanswered > 0) {
			this.unanswered--;
		}
		if (this.connection != null) {
			this.connection.requestAnswered(this.unanswered);
		}
		ChannelHandlerContext ctx = this.context;
		WaitingRequests held = this.waiting;
		if (held != null && held.answered() && ctx != null) {
			ctx.executor().execute(() -> takeTurn(ctx));
		}
	}

	@Override
	public void operationComplete(ChannelFuture future) {
		this.responding = false;
		this.listener.responseEnded(future.isSuccess());
	}

	@Override
	public void refuse(Refusal refusal) {
		ChannelHandlerContext ctx = this.context;
		if (ctx == null || this.refusing || !ctx.channel().isActive()) {
			return;
		}
		this.refusing = true;
		releaseWaiting();
		this.listener.refused(refusal);
		if (this.connection != null) {
			CloseReasons.mark(ctx.channel(), refusal.closeReason());
		}
		if (this.responding) {
			ctx.channel().close();
			return;
		}
		ChannelPromise promise = ctx.newPromise();
		write(ctx, ServerAnswers.refusal(ctx.alloc(), refusal, this.connection != null), promise);
		ctx.flush();
		promise.addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public boolean isReading() {
		ChannelHandlerContext ctx = this.context;
		return ctx != null && ctx.channel().config().isAutoRead();
	}

	private void releaseWaiting() {
		if (this.waiting != null) {
			this.waiting.release();
			this.waiting = null;
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ConnectionHandler connection = this.connection;
		if (connection == null || !connection.failedInCodec(cause)) {
			ctx.fireExceptionCaught(cause);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		releaseWaiting();
		this.listener.closed();
		ctx.fireChannelInactive();
	}

}
