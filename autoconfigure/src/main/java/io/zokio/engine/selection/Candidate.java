package io.zokio.engine.selection;

/**
 * What a selection chooses among: a transport, a TLS implementation.
 */
public interface Candidate {

	/**
	 * Return the candidate's name as configuration and reports spell it.
	 * @return the name
	 */
	String id();

	/**
	 * Return whether the candidate needs a native library.
	 * @return whether it is native
	 */
	boolean isNative();

}
