package io.zokio.engine.selection;

import java.util.Locale;

/**
 * A stage of trying a candidate: each candidate goes through loading, initialisation and a trial
 * of its own (a bind for a transport, a handshake for a TLS implementation).
 */
public enum Stage {

	/**
	 * Loading the candidate's classes and native library.
	 */
	LOAD,

	/**
	 * Initialising it: creating event loops or a context.
	 */
	INIT,

	/**
	 * A trial bind on a loopback port.
	 */
	BIND,

	/**
	 * A trial handshake over loopback.
	 */
	HANDSHAKE;

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
