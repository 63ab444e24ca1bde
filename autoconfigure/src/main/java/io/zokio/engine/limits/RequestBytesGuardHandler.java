package io.zokio.engine.limits;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Sits before the HTTP/1.1 codec: starts the header deadline on a request's first byte, renews the
 * body deadline on each read, and turns a header section with obsolete line folding into a request
 * that failed to decode, which the server answers {@code 400} and closes (the codec would otherwise
 * fold the line silently).
 */
final class RequestBytesGuardHandler extends ChannelInboundHandlerAdapter {

	static final String NAME = "zokio.requestBytesGuard";

	private final ConnectionGuard guard;

	private boolean rejected;

	RequestBytesGuardHandler(ConnectionGuard guard) {
		this.guard = guard;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof ByteBuf buffer)) {
			ctx.fireChannelRead(msg);
			return;
		}
		if (this.rejected) {
			buffer.release();
			return;
		}
		if (this.guard.headerBytesRead(buffer)) {
			this.rejected = true;
			buffer.release();
			FullHttpRequest folded = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request");
			folded.setDecoderResult(
					DecoderResult.failure(new IllegalArgumentException("obsolete line folding in the header section")));
			ctx.fireChannelRead(folded);
			return;
		}
		ctx.fireChannelRead(msg);
	}

}
