package io.zokio.engine.pipeline;

/**
 * The TLS protocol versions a handshake can negotiate, as the JDK names them.
 */
public enum TlsVersion {

	/**
	 * TLS 1.3.
	 */
	TLS_1_3("TLSv1.3"),

	/**
	 * TLS 1.2.
	 */
	TLS_1_2("TLSv1.2"),

	/**
	 * TLS 1.1.
	 */
	TLS_1_1("TLSv1.1"),

	/**
	 * TLS 1.0.
	 */
	TLS_1_0("TLSv1"),

	/**
	 * Any other name.
	 */
	OTHER("other");

	private final String id;

	TlsVersion(String id) {
		this.id = id;
	}

	/**
	 * Return the name used in reports and meter tags.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the version of a session's protocol name.
	 * @param protocol the name, as {@code SSLSession.getProtocol()} returns it
	 * @return the version
	 */
	public static TlsVersion of(String protocol) {
		for (TlsVersion version : values()) {
			if (version.id.equals(protocol)) {
				return version;
			}
		}
		return OTHER;
	}

}
