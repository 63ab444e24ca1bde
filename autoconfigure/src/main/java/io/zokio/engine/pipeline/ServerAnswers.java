package io.zokio.engine.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.jspecify.annotations.Nullable;

/**
 * The responses the server writes itself, without the application: a refusal, and the answer to
 * {@code OPTIONS *}.
 */
final class ServerAnswers {

	/**
	 * The {@code Retry-After} of an answer that keeps the connection: one second, long enough for
	 * the concurrency limit to admit again and short enough not to idle a client that honours it.
	 */
	static final int RETRY_AFTER_SECONDS = 1;

	private ServerAnswers() {
	}

	/**
	 * Return whether a request is {@code OPTIONS *}, about the server itself rather than a resource
	 * (RFC 9110 section 9.3.7), which the server answers without the application.
	 * @param request the request head
	 * @return whether the server answers it
	 */
	static boolean isAboutTheServer(HttpRequest request) {
		return request.method() == HttpMethod.OPTIONS && request.uri().equals("*");
	}

	/**
	 * Return the answer to a request the server answers itself in its turn.
	 * @param allocator the allocator of a refusal's body
	 * @param refusal the refusal that keeps the connection, or {@code null} for {@code OPTIONS *}
	 * @param close whether the connection closes after it
	 * @return the response
	 */
	static FullHttpResponse of(ByteBufAllocator allocator, @Nullable Refusal refusal, boolean close) {
		return (refusal != null) ? refusal(allocator, refusal, close) : aboutTheServer(close);
	}

	/**
	 * Return the answer to {@code OPTIONS *}: {@code 200} with no content.
	 * @param close whether the connection closes after it
	 * @return the response
	 */
	static FullHttpResponse aboutTheServer(boolean close) {
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
				Unpooled.EMPTY_BUFFER);
		response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
		if (close) {
			response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		}
		return response;
	}

	/**
	 * Return the answer to a refused request: its status and a plain-text body.
	 * @param allocator the allocator of the body
	 * @param refusal the refusal
	 * @param close whether the connection closes after it
	 * @return the response
	 */
	static FullHttpResponse refusal(ByteBufAllocator allocator, Refusal refusal, boolean close) {
		ByteBuf body = ByteBufUtil.writeAscii(allocator, refusal.body());
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.status(), body);
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
		if (refusal.keepsConnection()) {
			response.headers().setInt(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		if (close) {
			response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		}
		return response;
	}

	/**
	 * Return whether a request head announces no body: neither a transfer coding nor a
	 * {@code Content-Length} other than zero.
	 * @param request the request head
	 * @return whether no body follows
	 */
	static boolean hasNoBody(HttpRequest request) {
		String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
		return !request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING) && (length == null || length.equals("0"));
	}

}
