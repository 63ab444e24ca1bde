package io.zokio.engine.stats;

/**
 * The states of a live connection. A connection is in exactly one of them from accept to close.
 */
public enum ConnectionState {

	/**
	 * Accepted, no request byte received yet.
	 */
	ACCEPTED("accepted"),

	/**
	 * Request bytes arriving, request not yet decoded.
	 */
	READING("reading"),

	/**
	 * Request decoded, handler running, no response byte written yet.
	 */
	PROCESSING("processing"),

	/**
	 * Response started, its last byte not yet written to the socket.
	 */
	WRITING("writing"),

	/**
	 * Keep-alive: waiting for the next request.
	 */
	IDLE("idle");

	private final String id;

	ConnectionState(String id) {
		this.id = id;
	}

	/**
	 * Return the name used in reports and meter tags.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

}
