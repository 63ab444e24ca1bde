package io.zokio.engine.http3;

import java.util.Locale;

/**
 * Where the HTTP/3 server stands.
 */
public enum Http3State {

	/**
	 * Not started yet: the application's server is not running.
	 */
	STARTING,

	/**
	 * Serving HTTP/3 and advertising it with {@code Alt-Svc}.
	 */
	SERVING,

	/**
	 * A stage failed: HTTP/1.1 and HTTP/2 serve without HTTP/3, which is not advertised.
	 */
	UNAVAILABLE,

	/**
	 * Stopping with the application's server: each connection got a GOAWAY and ends its requests in
	 * flight.
	 */
	STOPPING,

	/**
	 * Stopped with the application's server.
	 */
	STOPPED;

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
