package io.zokio.engine.pipeline;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Why the server answers a request itself and closes its connection (or, on HTTP/2, its stream)
 * instead of passing it to the application: one constant per rule class, each counted on its own
 * under a bounded name.
 */
public enum Refusal {

	/**
	 * A missing, repeated or malformed {@code Host} (RFC 9112 section 3.2, RFC 9110 section 4.2.4).
	 */
	HOST("host", HttpResponseStatus.BAD_REQUEST, CloseReason.SERVER, "the request needs one valid Host field"),

	/**
	 * A request target outside its four forms, or with characters that are not visible US-ASCII
	 * (RFC 9112 section 3.2).
	 */
	TARGET("target", HttpResponseStatus.BAD_REQUEST, CloseReason.SERVER, "the request target is malformed"),

	/**
	 * An HTTP-version not spelled {@code HTTP/x.y} with exactly these capitals (RFC 9112 section 2.3).
	 */
	VERSION("version", HttpResponseStatus.BAD_REQUEST, CloseReason.SERVER, "the HTTP version is malformed"),

	/**
	 * A header or trailer field line folded onto the next (RFC 9112 section 5.2).
	 */
	LINE_FOLDING("lineFolding", HttpResponseStatus.BAD_REQUEST, CloseReason.SERVER,
			"the request folds a field line"),

	/**
	 * A chunked body whose chunk size, chunk extension, chunk delimiter or trailer section is
	 * malformed (RFC 9112 section 7.1).
	 */
	CHUNK("chunk", HttpResponseStatus.BAD_REQUEST, CloseReason.SERVER, "the chunked body is malformed"),

	/**
	 * A transfer coding other than {@code chunked}, or the {@code CONNECT} method: features of a
	 * proxy or of a coding the server does not implement (RFC 9112 section 6.1, RFC 9110 section
	 * 9.3.6).
	 */
	NOT_IMPLEMENTED("notImplemented", HttpResponseStatus.NOT_IMPLEMENTED, CloseReason.SERVER,
			"the server implements neither CONNECT nor transfer codings other than chunked"),

	/**
	 * The request's headers or body took longer than their timeout.
	 */
	REQUEST_TIMEOUT("requestTimeout", HttpResponseStatus.REQUEST_TIMEOUT, CloseReason.REQUEST_TIMEOUT,
			"the request took too long to arrive"),

	/**
	 * The request body arrived slower than the minimum request body rate while the server read it.
	 */
	REQUEST_BODY_RATE("requestBodyRate", HttpResponseStatus.REQUEST_TIMEOUT, CloseReason.REQUEST_TIMEOUT,
			"the request body arrived slower than the server's minimum rate"),

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
	 * The server already serves as many requests at once as its adaptive concurrency limit allows.
	 * The only refusal that keeps an HTTP/1.1 connection open: the request was read whole and is
	 * answered in its turn.
	 */
	CONCURRENCY_LIMIT("concurrencyLimit", HttpResponseStatus.SERVICE_UNAVAILABLE, CloseReason.SERVER,
			"the server is at its concurrency limit, retry later"),

	/**
	 * The request's HTTP version is not one the server speaks.
	 */
	VERSION_NOT_SUPPORTED("versionNotSupported", HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, CloseReason.SERVER,
			"the server speaks HTTP/1.0, HTTP/1.1 and HTTP/2"),

	/**
	 * The connection started with a PROXY protocol header from a peer that is not a trusted source.
	 */
	UNTRUSTED_PROXY("untrustedProxy", HttpResponseStatus.BAD_REQUEST, CloseReason.PROXY_PROTOCOL,
			"a PROXY protocol header is taken only from a trusted source");

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
	 * Return whether the answer keeps an HTTP/1.1 connection open when the request has no body:
	 * the server is busy rather than the request wrong, and the client may send again in a moment
	 * on the same connection ({@code Retry-After}).
	 * @return whether the connection is kept
	 */
	public boolean keepsConnection() {
		return this == CONCURRENCY_LIMIT;
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
