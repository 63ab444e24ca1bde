package io.zokio.engine.transport;

/**
 * How a transport attempt ended.
 */
public enum AttemptOutcome {

	/**
	 * The attempt failed at its stage; the next candidate was tried.
	 */
	FAILED,

	/**
	 * The transport passed every stage and serves.
	 */
	SELECTED;

	@Override
	public String toString() {
		return name().toLowerCase();
	}

}
