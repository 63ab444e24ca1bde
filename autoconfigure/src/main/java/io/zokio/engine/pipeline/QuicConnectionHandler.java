package io.zokio.engine.pipeline;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
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

	private final ConnectionListener listener;

	private final boolean refusing;

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
			stream.pipeline().addLast(new ExchangeSeat(this.listener));
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		CloseReason marked = CloseReasons.of(ctx.channel());
		this.listener.closing((marked != null) ? marked : CloseReason.SERVER);
		ctx.close(promise);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		CloseReason marked = CloseReasons.of(ctx.channel());
		this.listener.closing((marked != null) ? marked : CloseReason.ERROR);
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
	 * Seats the exchange handler of one request stream once Reactor Netty has laid the stream's
	 * pipeline out: it is added behind the stream's own initializer, so it runs after it.
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
				stream.pipeline().addAfter(NettyPipeline.H3ToHttp11Codec, ZokioPipeline.EXCHANGE_HANDLER,
						ExchangeHandler.stream(this.listener));
			}
		}

	}

}
