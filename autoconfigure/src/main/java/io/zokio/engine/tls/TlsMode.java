package io.zokio.engine.tls;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which TLS implementation the engine tries first.
 */
public enum TlsMode {

	/**
	 * Native OpenSSL when it loads, initialises with the server's key material and completes a
	 * self-handshake; the JDK otherwise.
	 */
	AUTO(null),

	/**
	 * Native OpenSSL, then the JDK unless native TLS is required.
	 */
	OPENSSL(TlsProvider.OPENSSL),

	/**
	 * The JDK only.
	 */
	JDK(TlsProvider.JDK);

	private final @Nullable TlsProvider requested;

	TlsMode(@Nullable TlsProvider requested) {
		this.requested = requested;
	}

	/**
	 * Return the implementation explicitly requested by this mode.
	 * @return the requested implementation, or {@code null} for {@link #AUTO}
	 */
	public @Nullable TlsProvider requested() {
		return this.requested;
	}

	/**
	 * Return the implementations to try, in order.
	 * @return OpenSSL then the JDK, or the JDK alone
	 */
	public List<TlsProvider> order() {
		return (this == JDK) ? List.of(TlsProvider.JDK) : List.of(TlsProvider.OPENSSL, TlsProvider.JDK);
	}

	/**
	 * Return the lowercase name used in configuration.
	 * @return the configuration name
	 */
	public String id() {
		return name().toLowerCase();
	}

}
