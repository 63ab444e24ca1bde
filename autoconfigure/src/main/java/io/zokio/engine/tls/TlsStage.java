package io.zokio.engine.tls;

/**
 * The stages each TLS implementation goes through, in order.
 */
public enum TlsStage {

	/**
	 * The implementation's library is present and loaded.
	 */
	LOAD,

	/**
	 * A server context was built from the server's key material, protocols and ciphers.
	 */
	INIT,

	/**
	 * A loopback handshake against that context completed.
	 */
	HANDSHAKE;

	@Override
	public String toString() {
		return name().toLowerCase();
	}

}
