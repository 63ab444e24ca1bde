package io.zokio.engine.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3Exception;
import io.netty.handler.codec.http3.Http3HeadersValidationException;

/**
 * The failure seat of one HTTP/3 request stream, just before its frames become HTTP objects: takes
 * what the stream's codec fires for a client's breach (a malformed field section, whose stream the
 * codec resets; a field section QPACK cannot decode or a frame HTTP/3 forbids, whose connection the
 * codec closes with the error's code) as a request that could not be decoded, and closes the
 * stream. Handed on, Netty's conversion to HTTP objects would log each at ERROR as the server's own
 * failure, once for every stream a client opens.
 */
final class Http3StreamFailures extends ChannelInboundHandlerAdapter {

	private final ExchangeHandler exchange;

	Http3StreamFailures(ExchangeHandler exchange) {
		this.exchange = exchange;
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof Http3Exception || cause instanceof Http3HeadersValidationException) {
			this.exchange.malformed();
			ctx.close();
			return;
		}
		ctx.fireExceptionCaught(cause);
	}

}
