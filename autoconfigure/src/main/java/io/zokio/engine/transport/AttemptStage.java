package io.zokio.engine.transport;

/**
 * The stages each transport attempt goes through, in order.
 */
public enum AttemptStage {

	/**
	 * The transport's classes are present and its native library loaded.
	 */
	LOAD,

	/**
	 * The event loop group was created (io_uring rings and selectors are opened here).
	 */
	INIT,

	/**
	 * A server socket was bound and registered on the transport's event loop.
	 */
	BIND;

	@Override
	public String toString() {
		return name().toLowerCase();
	}

}
