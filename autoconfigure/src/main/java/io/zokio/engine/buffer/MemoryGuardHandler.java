package io.zokio.engine.buffer;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits after the HTTP/1.1 codec: while direct memory has run out, answers each new request
 * {@code 503} with {@code Connection: close} without passing it on, and closes a connection whose
 * I/O failed for lack of memory. Either is counted by the {@link DirectMemoryGuard}.
 */
public final class MemoryGuardHandler extends ChannelDuplexHandler {

	/**
	 * The handler's name in the pipeline.
	 */
	public static final String NAME = "zokio.memoryGuard";

	private static final byte[] BODY = "Service Unavailable: the server is out of buffer memory"
		.getBytes(StandardCharsets.US_ASCII);

	private final DirectMemoryGuard guard;

	private boolean refusing;

	/**
	 * Create a handler refusing requests while the given guard says memory ran out.
	 * @param guard the guard
	 */
	public MemoryGuardHandler(DirectMemoryGuard guard) {
		this.guard = guard;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest && this.guard.isExhausted()) {
			this.refusing = true;
			this.guard.refused();
			ReferenceCountUtil.release(msg);
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
					HttpResponseStatus.SERVICE_UNAVAILABLE, Unpooled.wrappedBuffer(BODY));
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
				.setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length)
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
			return;
		}
		if (this.refusing && msg instanceof HttpContent) {
			ReferenceCountUtil.release(msg);
			return;
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof OutOfMemoryError) {
			this.guard.refused();
			ctx.close();
			return;
		}
		ctx.fireExceptionCaught(cause);
	}

}
