package io.zokio.engine.pipeline;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * What a final response head says of the body that follows it: whether the exchange is a request
 * served in one go or a stream that lasts as long as the application keeps writing.
 */
public enum ResponseKind {

	/**
	 * A body of known length, or none: the head carries {@code Content-Length}, or the whole response
	 * is written at once.
	 */
	SIZED(false),

	/**
	 * A body of unknown length (chunked on HTTP/1.1, without {@code Content-Length} on HTTP/2): a
	 * large download, or a stream by another name.
	 */
	OPEN(false),

	/**
	 * Server-sent events ({@code text/event-stream}): a stream from its head on.
	 */
	EVENT_STREAM(true),

	/**
	 * {@code 101 Switching Protocols} to another protocol than HTTP/2, such as WebSocket: the
	 * connection serves that protocol until it closes.
	 */
	UPGRADE(true);

	private static final String EVENT_STREAM_TYPE = "text/event-stream";

	private final boolean stream;

	ResponseKind(boolean stream) {
		this.stream = stream;
	}

	/**
	 * Return whether a response of this kind is a stream from its head on.
	 * @return whether the exchange is a stream
	 */
	public boolean isStream() {
		return this.stream;
	}

	/**
	 * Return the kind of the given final response head.
	 * @param response the response head
	 * @return its kind
	 */
	public static ResponseKind of(HttpResponse response) {
		if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
			return UPGRADE;
		}
		String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
		if (type != null && type.regionMatches(true, 0, EVENT_STREAM_TYPE, 0, EVENT_STREAM_TYPE.length())) {
			return EVENT_STREAM;
		}
		if (response instanceof FullHttpResponse || HttpUtil.isContentLengthSet(response)) {
			return SIZED;
		}
		return OPEN;
	}

}
