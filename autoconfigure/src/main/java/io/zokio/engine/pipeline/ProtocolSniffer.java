package io.zokio.engine.pipeline;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2FrameCodec;
import org.jspecify.annotations.Nullable;

/**
 * Tells which protocol a connection speaks as Reactor Netty settles its layout: from the codecs in
 * its pipeline (at once, or after ALPN), from the HTTP/2 preface on a cleartext server that also
 * speaks h2c, or from an {@code Upgrade: h2c}. Places the {@link ExchangeHandler} after the HTTP/1.1
 * codec wherever that codec appears, and takes it out when the connection turns to HTTP/2.
 */
final class ProtocolSniffer {

	private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private final ConnectionHandler connection;

	private final ConnectionListener listener;

	private Layout layout = Layout.PENDING;

	private int prefaceMatched;

	private @Nullable ExchangeHandler http11;

	ProtocolSniffer(ConnectionHandler connection, ConnectionListener listener) {
		this.connection = connection;
		this.listener = listener;
	}

	/**
	 * Return the handler of the connection's HTTP/1.1 exchanges, while it speaks HTTP/1.1.
	 * @return the handler, or {@code null}
	 */
	@Nullable ExchangeHandler http11() {
		return this.http11;
	}

	boolean isHttp2() {
		return this.layout == Layout.HTTP_2;
	}

	/**
	 * Settle the layout from the codecs in the pipeline, if they are there yet.
	 * @param ctx the connection handler's context
	 */
	void settle(ChannelHandlerContext ctx) {
		if (this.layout != Layout.PENDING) {
			return;
		}
		ChannelPipeline pipeline = ctx.pipeline();
		ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
		if (codec != null) {
			boolean h2c = pipeline.get(CleartextHttp2ServerUpgradeHandler.class) != null
					|| pipeline.get(HttpServerUpgradeHandler.class) != null;
			this.http11 = ExchangeHandler.http11(this.connection, this.listener);
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

	/**
	 * Look at bytes about to be passed on, before any listener sees them.
	 * @param ctx the connection handler's context
	 * @param bytes the bytes, not consumed
	 */
	void read(ChannelHandlerContext ctx, ByteBuf bytes) {
		if (this.layout == Layout.PENDING) {
			settle(ctx);
		}
		else if (this.layout == Layout.HTTP_1_1_OR_H2C) {
			matchPreface(ctx, bytes);
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

	/**
	 * The HTTP/1.1 exchange handler answered {@code Upgrade: h2c} and leaves the pipeline.
	 */
	void upgradedToHttp2() {
		this.http11 = null;
		this.layout = Layout.HTTP_2;
		this.listener.protocolSelected(HttpProtocol.HTTP_2, true);
	}

	private enum Layout {

		PENDING, HTTP_1_1, HTTP_1_1_OR_H2C, HTTP_2

	}

}
