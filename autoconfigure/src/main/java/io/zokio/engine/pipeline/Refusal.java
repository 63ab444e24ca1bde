package io.zokio.engine.pipeline;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Why the server answers a request itself and closes its connection (or, on HTTP/2, its stream)
 * instead of passing it to the application.
 */
public enum Refusal {

	/**
	 * Malformed request: missing or repeated {@code Host}, folded header line, bad chunk.
	 */
	BAD_REQUEST("badRequest", HttpResponseStatus.BAD_REQUEST, CloseReason.SERVER, "the request is malformed"),

	/**
	 * The request's headers or body took longer than their timeout.
	 */
	REQUEST_TIMEOUT("requestTimeout", HttpResponseStatus.REQUEST_TIMEOUT, CloseReason.REQUEST_TIMEOUT,
			"the request took too long to arrive"),

	/**
	 * The request body is larger than the server accepts.
	 */
	CONTENT_TOO_LARGE("contentTooLarge", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, CloseReason.SERVER,
			"the request body is larger than the server accepts"),

	/**
	 * The server is out of buffer memory.
	 */
	OVERLOADED("overloaded", HttpResponseStatus.SERVICE_UNAVAILABLE, CloseReason.SERVER,
			"the server is out of buffer memory"),

	/**
	 * The request's HTTP version is not one the server speaks.
	 */
	VERSION_NOT_SUPPORTED("versionNotSupported", HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, CloseReason.SERVER,
			"the server speaks HTTP/1.0, HTTP/1.1 and HTTP/2");

	private final String id;

	private final HttpResponseStatus status;

	private final CloseReason closeReason;

	private final String explanation;

	Refusal(String id, HttpResponseStatus status, CloseReason closeReason, String explanation) {
		this.id = id;
		this.status = status;
		this.closeReason = closeReason;
		this.explanation = explanation;
	}

	/**
	 * Return the plain-text body of the answer: the status and why.
	 * @return the body
	 */
	public String body() {
		return this.status.reasonPhrase() + ": " + this.explanation;
	}

	/**
	 * Return the name used in reports and meter tags.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the status the server answers with.
	 * @return the status
	 */
	public HttpResponseStatus status() {
		return this.status;
	}

	/**
	 * Return why the connection is closed after the answer.
	 * @return the close reason
	 */
	public CloseReason closeReason() {
		return this.closeReason;
	}

}
