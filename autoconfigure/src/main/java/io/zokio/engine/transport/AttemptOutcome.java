package io.zokio.engine.transport;

/**
 * How a staged attempt ended: a transport's, or a TLS implementation's.
 */
public enum AttemptOutcome {

	/**
	 * The attempt failed at one of its stages; the next candidate was tried.
	 */
	FAILED,

	/**
	 * It passed every stage and serves.
	 */
	SELECTED;

	@Override
	public String toString() {
		return name().toLowerCase();
	}

}
