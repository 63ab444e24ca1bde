package io.zokio.engine.pipeline;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import org.jspecify.annotations.Nullable;

/**
 * What one capability sees of the exchanges of an HTTP/1.1 connection, or of one HTTP/2 stream,
 * called on the connection's event loop by the {@link ZokioPipeline#EXCHANGE_HANDLER exchange
 * handler}. Every callback is a no-op by default.
 */
public interface ExchangeListener {

	/**
	 * A listener that does nothing.
	 */
	ExchangeListener NONE = new ExchangeListener() {
	};

	/**
	 * A request head was decoded (perhaps with a decoding failure).
	 * @param request the request head
	 * @param complete whether the request has no more content to come
	 * @return the refusal of the request, or {@code null} to pass it on
	 */
	default @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		return null;
	}

	/**
	 * Request body content was decoded.
	 * @param content the content, not to be consumed or released
	 * @param last whether it ends the request
	 * @return the refusal of the request, or {@code null} to pass it on
	 */
	default @Nullable Refusal requestContent(HttpContent content, boolean last) {
		return null;
	}

	/**
	 * An informational ({@code 1xx}) response other than {@code 101} is about to be written.
	 * @param status the status
	 */
	default void informationalResponse(int status) {
	}

	/**
	 * A final response head (or {@code 101} ending an HTTP/1.1 exchange) is about to be written.
	 * @param status the status
	 * @param kind what the head says of the body that follows
	 * @return whether the connection must close after it
	 */
	default boolean responseStarted(int status, ResponseKind kind) {
		return false;
	}

	/**
	 * More response content is about to be written.
	 */
	default void responseContent() {
	}

	/**
	 * The write of a response's last content completed.
	 * @param written whether it succeeded
	 */
	default void responseEnded(boolean written) {
	}

	/**
	 * The server refused the request; its answer is written next.
	 * @param refusal the refusal
	 */
	default void refused(Refusal refusal) {
	}

	/**
	 * The stream's request head could not be decoded, and its codec refused it without an answer:
	 * an HTTP/2 header block or HTTP/3 field section that RFC 9113 or RFC 9114 calls malformed, or
	 * one QPACK cannot decode. The stream closes next.
	 */
	default void malformed() {
	}

	/**
	 * The exchange's channel closed: the HTTP/2 stream ended, or the HTTP/1.1 connection closed.
	 */
	default void closed() {
	}

}
