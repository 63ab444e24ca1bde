package io.zokio.engine.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.jspecify.annotations.Nullable;

/**
 * The seat nearest the application bytes: after {@code SslHandler} (and any PROXY protocol
 * decoder), or first in a cleartext pipeline. Hands bytes, TLS events and the connection's end to
 * the listeners. Its helpers tell the protocol ({@link ProtocolSniffer}), pace deep pipelining
 * ({@link PipeliningGate}), time the TLS handshake ({@link TlsHandshakeWatch}) and watch GOAWAY
 * ({@link GoAwayWatch}) and count the HTTP/2 streams the codec resets before they open
 * ({@link Http2Resets}); none is a handler of its own.
 */
final class ConnectionHandler extends ChannelDuplexHandler {

	private final ConnectionListener listener;

	private final ProtocolSniffer protocol;

	private final PipeliningGate gate;

	private final TlsHandshakeWatch handshake;

	private boolean refusing;

	private @Nullable Http2Resets resets;

	private @Nullable ChannelHandlerContext context;

	/**
	 * Create the handler of an admitted connection.
	 * @param listener the connection's listener
	 * @param readsAwaitWrites whether a read waits for the connection's last write to complete
	 */
	ConnectionHandler(ConnectionListener listener, boolean readsAwaitWrites) {
		this(listener, readsAwaitWrites, false);
	}

	private ConnectionHandler(ConnectionListener listener, boolean readsAwaitWrites, boolean refusing) {
		this.listener = listener;
		this.gate = new PipeliningGate(this, readsAwaitWrites);
		this.protocol = new ProtocolSniffer(this, listener);
		this.handshake = new TlsHandshakeWatch(listener);
		this.refusing = refusing;
	}

	/**
	 * Create the handler of a refused connection, which drops every byte it reads.
	 * @param listener the listener of the participants that admitted it
	 * @return the handler
	 */
	static ConnectionHandler refusing(ConnectionListener listener) {
		return new ConnectionHandler(listener, false, true);
	}

	ExchangeHandler streamHandler() {
		return ExchangeHandler.stream(this.listener);
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
		if (this.refusing) {
			return;
		}
		this.handshake.start(ctx.pipeline());
		this.protocol.settle(ctx);
	}

	void upgradedToHttp2() {
		this.protocol.upgradedToHttp2();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof ByteBuf bytes)) {
			ctx.fireChannelRead(msg);
			return;
		}
		if (this.refusing) {
			bytes.release();
			return;
		}
		this.protocol.read(ctx, bytes);
		if (this.protocol.http11() != null && this.gate.mustHold(bytes)) {
			this.gate.hold(ctx, bytes);
			return;
		}
		forward(ctx, bytes);
	}

	void forward(ChannelHandlerContext ctx, ByteBuf bytes) {
		Refusal refusal = this.listener.bytesRead(bytes);
		if (refusal != null) {
			this.refusing = true;
			bytes.release();
			refuse(ctx, refusal);
			return;
		}
		ctx.fireChannelRead(this.listener.decoding(bytes));
		watchHttp2(ctx);
	}

	private void watchHttp2(ChannelHandlerContext ctx) {
		if (this.resets == null && this.protocol.isHttp2()) {
			Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
			if (codec != null) {
				GoAwayWatch.watch(codec, ctx.channel(), this.listener);
				this.resets = new Http2Resets(codec.connection());
			}
		}
	}

	boolean isRefusing() {
		return this.refusing;
	}

	/**
	 * Return how many HTTP/1.1 requests were passed on and not yet answered.
	 * @return the unanswered requests, {@code 0} unless the connection speaks HTTP/1.1
	 */
	int unanswered() {
		ExchangeHandler exchanges = this.protocol.http11();
		return (exchanges != null) ? exchanges.unanswered() : 0;
	}

	void requestAnswered(int unanswered) {
		ChannelHandlerContext ctx = this.context;
		if (ctx != null) {
			this.gate.requestAnswered(ctx, unanswered);
		}
	}

	/**
	 * Pass a read on, or keep it back while bytes are held for the codec or the connection's writes
	 * wait (the channel is not writable) until they drain. A transport that reads only when asked
	 * (io_uring, one receive a read loop) then stops reading a client that does not read its
	 * answers, rather than filling the buffer pool; epoll and NIO go on reading on readiness within
	 * a loop, bounded as before by Reactor Netty's back-pressure, which stops reading only once its
	 * prefetched body chunks are written.
	 */
	@Override
	public void read(ChannelHandlerContext ctx) {
		this.gate.read(ctx);
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		this.gate.readIfDeferred(ctx);
		ctx.fireChannelWritabilityChanged();
	}

	private void refuse(ChannelHandlerContext ctx, Refusal refusal) {
		ExchangeHandler exchanges = this.protocol.http11();
		if (exchanges != null) {
			exchanges.refuse(refusal);
			return;
		}
		CloseReasons.mark(ctx.channel(), refusal.closeReason());
		ctx.channel().close();
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		watchHttp2(ctx);
		if (msg instanceof ByteBuf buffer) {
			this.listener.bytesWritten(buffer.readableBytes());
			Http2Resets resets = this.resets;
			if (resets != null) {
				resets.written(buffer, this.listener);
			}
		}
		else if (msg instanceof ByteBufHolder holder) {
			this.listener.bytesWritten(holder.content().readableBytes());
		}
		else if (msg instanceof FileRegion region) {
			this.listener.bytesWritten(region.count() - region.transferred());
		}
		ctx.write(msg, this.gate.writing(promise));
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof SslHandshakeCompletionEvent completion) {
			this.handshake.ended(ctx, completion.cause());
			if (!completion.isSuccess() && HandshakeFailures.loggedLoudly(ctx)) {
				HandshakeFailures.close(ctx, completion.cause());
				return;
			}
			ctx.fireUserEventTriggered(evt);
			if (completion.isSuccess()) {
				this.protocol.settle(ctx);
			}
			return;
		}
		if (evt instanceof SniCompletionEvent lookup && !lookup.isSuccess()) {
			this.handshake.ended(ctx, lookup.cause());
		}
		if (evt instanceof SslCloseCompletionEvent closure && closure.isSuccess()) {
			CloseReasons.mark(ctx.channel(), CloseReason.CLIENT);
		}
		if (ReadBufferEvents.isExhausted(evt)) {
			this.listener.readBuffersExhausted();
		}
		ctx.fireUserEventTriggered(evt);
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		this.listener.closing(CloseReasons.orElse(ctx.channel(), CloseReason.SERVER));
		ctx.close(promise);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (HandshakeFailures.isTlsFailure(cause) && HandshakeFailures.loggedLoudly(ctx)
				&& (this.handshake.isHandshaking() || CloseReasons.of(ctx.channel()) == CloseReason.TLS)) {
			this.handshake.ended(ctx, cause);
			this.listener.failed(cause);
			HandshakeFailures.close(ctx, cause);
			return;
		}
		if (!failed(ctx, cause)) {
			ctx.fireExceptionCaught(cause);
		}
	}

	/**
	 * Take a failure of the connection, raised here or by the HTTP/1.1 codec, to the listeners.
	 * One for want of memory closes the connection at once: it is not propagated, so a memory
	 * episode is neither logged for every connection nor met by a handler that allocates again.
	 * @param ctx this handler's context
	 * @param cause the failure
	 * @return whether the failure was handled and must not be propagated
	 */
	private boolean failed(ChannelHandlerContext ctx, Throwable cause) {
		if (isProxyProtocolFailure(cause)) {
			CloseReasons.mark(ctx.channel(), CloseReason.PROXY_PROTOCOL);
		}
		this.listener.closing(CloseReasons.orElse(ctx.channel(), CloseReason.ERROR));
		this.listener.failed(cause);
		if (!(cause instanceof OutOfMemoryError)) {
			return false;
		}
		this.refusing = true;
		this.gate.release();
		ctx.close();
		return true;
	}

	private static boolean isProxyProtocolFailure(Throwable cause) {
		for (Throwable candidate = cause; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof HAProxyProtocolException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Take a failure the HTTP/1.1 codec raised for want of memory, as {@link #exceptionCaught}
	 * would.
	 * @param cause the failure
	 * @return whether it was handled and must not be propagated
	 */
	boolean failedInCodec(Throwable cause) {
		ChannelHandlerContext ctx = this.context;
		return cause instanceof OutOfMemoryError && ctx != null && failed(ctx, cause);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.gate.release();
		this.handshake.failed(ctx, TlsFailure.CLIENT_ABORT);
		CloseReason marked = CloseReasons.of(ctx.channel());
		if (marked != null) {
			this.listener.closing(marked);
		}
		this.listener.closed();
		ctx.fireChannelInactive();
	}

}
