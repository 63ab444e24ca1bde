package io.zokio.engine.pipeline;

import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http3.DefaultHttp3GoAwayFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionPathStats;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

/**
 * The connection seat of an HTTP/3 connection: just after Reactor Netty's HTTP/3 connection
 * codec in the QUIC connection's pipeline. A QUIC connection carries no application bytes through
 * its pipeline, only the streams its codec opens: each request stream gets its own exchange seat,
 * after the HTTP/3-to-HTTP/1.1 codec, as an HTTP/2 stream does. Hands the connection's protocol,
 * streams and end to the listeners.
 */
final class QuicConnectionHandler extends ChannelDuplexHandler {

	/**
	 * QUIC's transport error CONNECTION_REFUSED: the server refused to accept a new connection.
	 */
	private static final int CONNECTION_REFUSED = 0x2;

	private static final long MIN_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long MAX_LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final ConnectionListener listener;

	private final boolean refusing;

	private long lastStreamId = -1;

	private int openStreams;

	private long pendingWriteBytes;

	private boolean closingWhenIdle;

	private @Nullable ChannelHandlerContext context;

	private final long startNanos = System.nanoTime();

	/**
	 * Create the handler of a QUIC connection.
	 * @param listener the connection's listener
	 * @param refusing whether a participant refused the connection, which is then closed with
	 * CONNECTION_REFUSED once its handshake completes, and none of whose streams is served
	 */
	QuicConnectionHandler(ConnectionListener listener, boolean refusing) {
		this.listener = listener;
		this.refusing = refusing;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
		if (this.refusing) {
			CloseReasons.mark(ctx.channel(), CloseReason.REJECTED);
			if (ctx.channel().isActive()) {
				refuse(ctx);
			}
			return;
		}
		this.listener.protocolSelected(HttpProtocol.HTTP_3, false);
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (this.refusing) {
			refuse(ctx);
			return;
		}
		ctx.fireChannelActive();
	}

	/**
	 * Hand the end of the QUIC connection's TLS handshake to the listeners; a failed one closes the
	 * connection as {@link CloseReason#TLS}. QUIC's handshake fails unless ALPN agrees on a
	 * protocol (RFC 9001, section 8.1) and this server offers only {@code h3}, so a completed one
	 * whose engine does not say chose {@code h3}.
	 */
	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof SslHandshakeCompletionEvent completion) {
			long nanos = System.nanoTime() - this.startNanos;
			SSLEngine engine = ((QuicChannel) ctx.channel()).sslEngine();
			if (completion.isSuccess() && engine != null) {
				AlpnProtocol alpn = AlpnProtocol.of(engine.getApplicationProtocol());
				this.listener.tlsHandshakeEnded(TlsHandshake.completed(TlsVersion.of(engine.getSession().getProtocol()),
						(alpn != AlpnProtocol.NONE) ? alpn : AlpnProtocol.H3, false, nanos));
			}
			else if (!completion.isSuccess()) {
				CloseReasons.mark(ctx.channel(), CloseReason.TLS);
				this.listener.tlsHandshakeEnded(TlsHandshake.failed(TlsFailure.of(completion.cause()), nanos));
			}
		}
		ctx.fireUserEventTriggered(evt);
	}

	private static void refuse(ChannelHandlerContext ctx) {
		((QuicChannel) ctx.channel()).close(false, CONNECTION_REFUSED, Unpooled.EMPTY_BUFFER);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof QuicStreamChannel stream && this.refusing) {
			stream.close();
			return;
		}
		if (msg instanceof QuicStreamChannel stream && stream.type() == QuicStreamType.BIDIRECTIONAL
				&& !stream.isLocalCreated()) {
			this.lastStreamId = Math.max(this.lastStreamId, stream.streamId());
			this.openStreams++;
			stream.closeFuture().addListener((closed) -> streamClosed(ctx));
			stream.pipeline().addFirst(ZokioPipeline.STREAM_BYTES, new QuicStreamBytes(this.listener, this));
			stream.pipeline().addLast(new ExchangeSeat(this.listener));
		}
		ctx.fireChannelRead(msg);
	}

	/**
	 * Return how many bytes the connection's request streams wrote that QUIC has not yet taken.
	 * @return the bytes
	 */
	long pendingWriteBytes() {
		return this.pendingWriteBytes;
	}

	void pending(long bytes) {
		this.pendingWriteBytes += bytes;
	}

	private void streamClosed(ChannelHandlerContext ctx) {
		this.openStreams--;
		if (this.closingWhenIdle && this.openStreams == 0) {
			closeAfterLastWrites(ctx);
		}
	}

	/**
	 * Shut the connection down gracefully, on its event loop: a GOAWAY tells the client that no
	 * request after those already received will be processed, and the connection closes with
	 * H3_NO_ERROR once the streams in flight have ended.
	 */
	void goAway() {
		ChannelHandlerContext ctx = this.context;
		if (ctx == null || this.closingWhenIdle) {
			return;
		}
		this.closingWhenIdle = true;
		CloseReasons.mark(ctx.channel(), CloseReason.SHUTDOWN);
		QuicStreamChannel control = Http3.getLocalControlStream(ctx.channel());
		if (control != null) {
			control.writeAndFlush(new DefaultHttp3GoAwayFrame(this.lastStreamId + 4));
		}
		if (this.openStreams == 0) {
			closeAfterLastWrites(ctx);
		}
	}

	/**
	 * Close the connection a few round trips after its last stream ended: a stream ends when its
	 * last bytes are written to QUIC, which may not have sent them yet, and QUIC's close discards
	 * what it has not sent.
	 */
	private static void closeAfterLastWrites(ChannelHandlerContext ctx) {
		((QuicChannel) ctx.channel()).collectPathStats(0).addListener((stats) -> {
			long rtt = stats.isSuccess() ? ((QuicConnectionPathStats) stats.getNow()).rtt() : 0;
			long linger = Math.min(MAX_LINGER_NANOS, Math.max(MIN_LINGER_NANOS, 3 * rtt));
			ctx.executor().schedule(() -> closeNoError(ctx), linger, TimeUnit.NANOSECONDS);
		});
	}

	private static void closeNoError(ChannelHandlerContext ctx) {
		((QuicChannel) ctx.channel()).close(true, Http3ErrorCode.H3_NO_ERROR.code(), Unpooled.EMPTY_BUFFER);
	}

	/**
	 * Zokio says why of each QUIC connection it closes; one it did not is closed by the HTTP/3 codec
	 * for a connection error (RFC 9114, section 8), an {@link CloseReason#ERROR} as an HTTP/2
	 * connection's GOAWAY with an error is.
	 */
	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		this.listener.closing(CloseReasons.orElse(ctx.channel(), CloseReason.ERROR));
		ctx.close(promise);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		this.listener.closing(CloseReasons.orElse(ctx.channel(), CloseReason.ERROR));
		this.listener.failed(cause);
		ctx.fireExceptionCaught(cause);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		CloseReason marked = CloseReasons.of(ctx.channel());
		if (marked != null) {
			this.listener.closing(marked);
		}
		this.listener.closed();
		ctx.fireChannelInactive();
	}

	/**
	 * Seats the exchange handler of one request stream, and its failure seat before the conversion
	 * to HTTP objects, once Reactor Netty has laid the stream's pipeline out: it is added behind the
	 * stream's own initializer, so it runs after it.
	 */
	private static final class ExchangeSeat extends ChannelInitializer<QuicStreamChannel> {

		private final ConnectionListener listener;

		ExchangeSeat(ConnectionListener listener) {
			this.listener = listener;
		}

		@Override
		protected void initChannel(QuicStreamChannel stream) {
			if (stream.pipeline().get(NettyPipeline.H3ToHttp11Codec) != null
					&& stream.pipeline().get(ZokioPipeline.EXCHANGE_HANDLER) == null) {
				ExchangeHandler exchange = ExchangeHandler.stream(this.listener);
				stream.pipeline().addAfter(NettyPipeline.H3ToHttp11Codec, ZokioPipeline.EXCHANGE_HANDLER, exchange);
				stream.pipeline().addBefore(NettyPipeline.H3ToHttp11Codec, ZokioPipeline.STREAM_FAILURES,
						new Http3StreamFailures(exchange));
			}
		}

	}

}
