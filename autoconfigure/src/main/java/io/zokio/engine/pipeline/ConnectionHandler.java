package io.zokio.engine.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

import javax.net.ssl.SSLEngine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.jspecify.annotations.Nullable;

/**
 * The seat nearest the application bytes: after {@code SslHandler} (and any PROXY protocol
 * decoder), or first in a cleartext pipeline. Hands bytes, TLS events and the connection's end to
 * the listeners, tells which protocol the connection speaks as Reactor Netty settles its layout,
 * and places the {@link ExchangeHandler} after the HTTP/1.1 codec wherever that codec appears.
 */
final class ConnectionHandler extends ChannelDuplexHandler {

	static final int SLICE_BYTES = 2048;

	static final int MAX_UNANSWERED_BEFORE_SLICE = 8;

	private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private final ConnectionListener listener;

	private final long startNanos = System.nanoTime();

	private Layout layout;

	private int prefaceMatched;

	private boolean refusing;

	private @Nullable ExchangeHandler http11;

	private @Nullable ChannelHandlerContext context;

	private final ArrayDeque<ByteBuf> held = new ArrayDeque<>(2);

	private boolean drainScheduled;

	private boolean readDeferred;

	private boolean goAwayWatched;

	private boolean handshaking;

	private long startMillis;

	/**
	 * Create the handler of an admitted connection.
	 * @param listener the connection's listener
	 */
	ConnectionHandler(ConnectionListener listener) {
		this(listener, Layout.PENDING);
	}

	private ConnectionHandler(ConnectionListener listener, Layout layout) {
		this.listener = listener;
		this.layout = layout;
		this.refusing = layout == Layout.REFUSED;
	}

	/**
	 * Create the handler of a refused connection, which drops every byte it reads.
	 * @param listener the listener of the participants that admitted it
	 * @return the handler
	 */
	static ConnectionHandler refusing(ConnectionListener listener) {
		return new ConnectionHandler(listener, Layout.REFUSED);
	}

	ExchangeHandler streamHandler() {
		return ExchangeHandler.stream(this.listener);
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
		ChannelPipeline pipeline = ctx.pipeline();
		if (!this.refusing && (pipeline.get(SslHandler.class) != null || pipeline.get(AbstractSniHandler.class) != null)) {
			this.handshaking = true;
			this.startMillis = System.currentTimeMillis();
		}
		settleLayout(ctx);
	}

	private void settleLayout(ChannelHandlerContext ctx) {
		if (this.layout != Layout.PENDING) {
			return;
		}
		ChannelPipeline pipeline = ctx.pipeline();
		ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
		if (codec != null) {
			boolean h2c = pipeline.get(CleartextHttp2ServerUpgradeHandler.class) != null
					|| pipeline.get(HttpServerUpgradeHandler.class) != null;
			this.http11 = ExchangeHandler.http11(this, this.listener);
			pipeline.addAfter(codec.name(), ZokioPipeline.EXCHANGE_HANDLER, this.http11);
			this.layout = h2c ? Layout.HTTP_1_1_OR_H2C : Layout.HTTP_1_1;
			if (!h2c) {
				this.listener.protocolSelected(HttpProtocol.HTTP_1_1, false);
			}
		}
		else if (pipeline.get(Http2FrameCodec.class) != null) {
			this.layout = Layout.HTTP_2;
			this.listener.protocolSelected(HttpProtocol.HTTP_2, false);
		}
	}

	void upgradedToHttp2() {
		this.http11 = null;
		this.layout = Layout.HTTP_2;
		this.listener.protocolSelected(HttpProtocol.HTTP_2, true);
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
		if (this.layout == Layout.PENDING) {
			settleLayout(ctx);
		}
		else if (this.layout == Layout.HTTP_1_1_OR_H2C) {
			matchPreface(ctx, bytes);
		}
		if (this.http11 != null && (!this.held.isEmpty() || bytes.readableBytes() > SLICE_BYTES)) {
			hold(ctx, bytes);
			return;
		}
		forward(ctx, bytes);
	}

	private void forward(ChannelHandlerContext ctx, ByteBuf bytes) {
		Refusal refusal = this.listener.bytesRead(bytes);
		if (refusal != null) {
			this.refusing = true;
			bytes.release();
			refuse(ctx, refusal);
			return;
		}
		ctx.fireChannelRead(bytes);
		watchGoAway(ctx);
	}

	private void watchGoAway(ChannelHandlerContext ctx) {
		if (this.layout != Layout.HTTP_2 || this.goAwayWatched) {
			return;
		}
		Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
		if (codec != null) {
			this.goAwayWatched = true;
			codec.connection().addListener(new Http2ConnectionAdapter() {

				@Override
				public void onGoAwaySent(int lastStreamId, long errorCode, ByteBuf debugData) {
					Http2Error error = Http2Error.valueOf(errorCode);
					if (error != Http2Error.NO_ERROR) {
						CloseReasons.mark(ctx.channel(), CloseReason.ERROR);
					}
					ConnectionHandler.this.listener.goAwaySent((error != null) ? error : Http2Error.INTERNAL_ERROR);
				}

			});
		}
	}

	/**
	 * Keep bytes back from the HTTP/1.1 codec and feed them to it in slices, each only while few
	 * requests are unanswered, so that deep pipelining never overflows the codec's pipelining
	 * queue (Netty's HttpServerCodec fails a connection with more than 128 unanswered requests),
	 * whatever the size of the transport's reads. A slice holds at most 113 of the shortest
	 * requests (18 bytes), so the queue stays below 8 + 113. Reads from the socket are deferred
	 * meanwhile, without touching auto-read, which Reactor Netty uses for back-pressure. Each slice
	 * is a retained slice of a buffer as the transport read it, so that the codec takes it as its
	 * cumulation without copying (a slice of a composite buffer is not contiguous, and the codec
	 * would copy every byte of a large body into new buffers).
	 */
	private void hold(ChannelHandlerContext ctx, ByteBuf bytes) {
		this.held.add(bytes);
		drain(ctx);
	}

	void requestAnswered(int unanswered) {
		ChannelHandlerContext ctx = this.context;
		if (!this.held.isEmpty() && !this.drainScheduled && unanswered <= MAX_UNANSWERED_BEFORE_SLICE && ctx != null) {
			this.drainScheduled = true;
			ctx.executor().execute(() -> {
				this.drainScheduled = false;
				drain(ctx);
				ctx.fireChannelReadComplete();
			});
		}
	}

	private void drain(ChannelHandlerContext ctx) {
		ByteBuf head;
		while ((head = this.held.peek()) != null && !this.refusing && (this.http11 == null
				|| this.http11.unanswered() <= MAX_UNANSWERED_BEFORE_SLICE)) {
			ByteBuf slice = head.readRetainedSlice(Math.min(SLICE_BYTES, head.readableBytes()));
			if (!head.isReadable()) {
				this.held.poll().release();
			}
			forward(ctx, slice);
		}
		if (this.refusing) {
			releaseHeld();
		}
		if (this.held.isEmpty() && this.readDeferred) {
			this.readDeferred = false;
			ctx.read();
		}
	}

	@Override
	public void read(ChannelHandlerContext ctx) {
		if (this.held.isEmpty()) {
			ctx.read();
		}
		else {
			this.readDeferred = true;
		}
	}

	private void releaseHeld() {
		ByteBuf bytes;
		while ((bytes = this.held.poll()) != null) {
			bytes.release();
		}
	}

	private void matchPreface(ChannelHandlerContext ctx, ByteBuf bytes) {
		int length = Math.min(bytes.readableBytes(), HTTP2_PREFACE.length - this.prefaceMatched);
		for (int i = 0; i < length; i++) {
			if (bytes.getByte(bytes.readerIndex() + i) != HTTP2_PREFACE[this.prefaceMatched + i]) {
				this.layout = Layout.HTTP_1_1;
				this.listener.protocolSelected(HttpProtocol.HTTP_1_1, false);
				return;
			}
		}
		this.prefaceMatched += length;
		if (this.prefaceMatched == HTTP2_PREFACE.length) {
			ExchangeHandler exchanges = this.http11;
			this.http11 = null;
			if (exchanges != null) {
				ctx.pipeline().remove(exchanges);
			}
			this.layout = Layout.HTTP_2;
			this.listener.protocolSelected(HttpProtocol.HTTP_2, false);
		}
	}

	private void refuse(ChannelHandlerContext ctx, Refusal refusal) {
		ExchangeHandler exchanges = this.http11;
		if (exchanges != null) {
			exchanges.refuse(refusal);
			return;
		}
		CloseReasons.mark(ctx.channel(), refusal.closeReason());
		ctx.channel().close();
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		watchGoAway(ctx);
		if (msg instanceof ByteBuf buffer) {
			this.listener.bytesWritten(buffer.readableBytes());
		}
		else if (msg instanceof ByteBufHolder holder) {
			this.listener.bytesWritten(holder.content().readableBytes());
		}
		else if (msg instanceof FileRegion region) {
			this.listener.bytesWritten(region.count() - region.transferred());
		}
		ctx.write(msg, promise);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof SslHandshakeCompletionEvent handshake) {
			handshakeEnded(ctx, handshake.cause());
			if (!handshake.isSuccess() && HandshakeFailures.loggedLoudly(ctx)) {
				HandshakeFailures.close(ctx, handshake.cause());
				return;
			}
			ctx.fireUserEventTriggered(evt);
			if (handshake.isSuccess()) {
				settleLayout(ctx);
			}
			return;
		}
		if (evt instanceof SniCompletionEvent lookup && !lookup.isSuccess()) {
			handshakeEnded(ctx, lookup.cause());
		}
		if (evt instanceof SslCloseCompletionEvent closure && closure.isSuccess()) {
			CloseReasons.mark(ctx.channel(), CloseReason.CLIENT);
		}
		if (ReadBufferEvents.isExhausted(evt)) {
			this.listener.readBuffersExhausted();
		}
		ctx.fireUserEventTriggered(evt);
	}

	/**
	 * Hand how the handshake ended to the listeners, once.
	 */
	private void handshakeEnded(ChannelHandlerContext ctx, @Nullable Throwable failure) {
		if (failure != null) {
			handshakeFailed(ctx, TlsFailure.of(failure));
			return;
		}
		if (!this.handshaking) {
			return;
		}
		this.handshaking = false;
		SslHandler ssl = ctx.pipeline().get(SslHandler.class);
		if (ssl != null) {
			SSLEngine engine = ssl.engine();
			this.listener.tlsHandshakeEnded(TlsHandshake.completed(TlsVersion.of(engine.getSession().getProtocol()),
					AlpnProtocol.of(ssl.applicationProtocol()), isResumed(engine), System.nanoTime() - this.startNanos));
		}
	}

	/**
	 * Hand a failed handshake to the listeners, once, and close the connection as
	 * {@link CloseReason#TLS}, unless the server had already cut it for another reason (the PROXY
	 * header's deadline, shutdown): then no handshake is reported.
	 */
	private void handshakeFailed(ChannelHandlerContext ctx, TlsFailure failure) {
		if (!this.handshaking) {
			return;
		}
		this.handshaking = false;
		if (CloseReasons.of(ctx.channel()) != null) {
			return;
		}
		CloseReasons.mark(ctx.channel(), CloseReason.TLS);
		this.listener.tlsHandshakeEnded(TlsHandshake.failed(failure, System.nanoTime() - this.startNanos));
		this.listener.closing(CloseReason.TLS);
	}

	/**
	 * Return whether a completed handshake resumed an earlier session: netty-tcnative says so; the
	 * JDK keeps a resumed session's creation time, which is then earlier than the connection.
	 */
	private boolean isResumed(SSLEngine engine) {
		if (engine instanceof ReferenceCountedOpenSslEngine openSsl) {
			return OpenSslSessions.isResumed(openSsl);
		}
		return engine.getSession().getCreationTime() < this.startMillis;
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		CloseReason marked = CloseReasons.of(ctx.channel());
		this.listener.closing((marked != null) ? marked : CloseReason.SERVER);
		ctx.close(promise);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (HandshakeFailures.isTlsFailure(cause) && HandshakeFailures.loggedLoudly(ctx)
				&& (this.handshaking || CloseReasons.of(ctx.channel()) == CloseReason.TLS)) {
			handshakeEnded(ctx, cause);
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
		CloseReason marked = CloseReasons.of(ctx.channel());
		this.listener.closing((marked != null) ? marked : CloseReason.ERROR);
		this.listener.failed(cause);
		if (!(cause instanceof OutOfMemoryError)) {
			return false;
		}
		this.refusing = true;
		releaseHeld();
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
		releaseHeld();
		handshakeFailed(ctx, TlsFailure.CLIENT_ABORT);
		CloseReason marked = CloseReasons.of(ctx.channel());
		if (marked != null) {
			this.listener.closing(marked);
		}
		this.listener.closed();
		ctx.fireChannelInactive();
	}

	private enum Layout {

		PENDING, HTTP_1_1, HTTP_1_1_OR_H2C, HTTP_2, REFUSED

	}

}
