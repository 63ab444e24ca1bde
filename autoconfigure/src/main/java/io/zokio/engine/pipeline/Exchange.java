package io.zokio.engine.pipeline;

/**
 * The exchanges of an HTTP/1.1 connection, or one HTTP/2 stream, as a listener may act on them.
 */
public interface Exchange {

	/**
	 * Refuse the current request: answer with the refusal's status unless a response has started,
	 * count it, and close the connection (on HTTP/2, the stream). Does nothing once closed.
	 * @param refusal the refusal
	 */
	void refuse(Refusal refusal);

	/**
	 * Return whether the server reads the request now: {@code false} while the application holds
	 * its body back (Reactor Netty then turns auto-read off), when a slow body is not the client's
	 * doing.
	 * @return whether the server reads
	 */
	boolean isReading();

}
