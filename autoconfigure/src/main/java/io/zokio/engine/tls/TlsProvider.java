package io.zokio.engine.tls;

import io.netty.handler.ssl.SslProvider;
import io.zokio.engine.selection.Candidate;

/**
 * The TLS implementations the engine can serve with.
 */
public enum TlsProvider implements Candidate {

	/**
	 * BoringSSL through netty-tcnative: native handshakes and record encryption.
	 */
	OPENSSL("openssl", SslProvider.OPENSSL),

	/**
	 * The JDK's {@code SSLEngine}, available everywhere.
	 */
	JDK("jdk", SslProvider.JDK);

	private final String id;

	private final SslProvider sslProvider;

	TlsProvider(String id, SslProvider sslProvider) {
		this.id = id;
		this.sslProvider = sslProvider;
	}

	/**
	 * Return the name used in configuration, reports and meter tags.
	 * @return the name
	 */
	@Override
	public String id() {
		return this.id;
	}

	/**
	 * Return whether the implementation is a native library.
	 * @return whether it is native
	 */
	@Override
	public boolean isNative() {
		return this == OPENSSL;
	}

	/**
	 * Return Netty's name of the implementation, for {@code SslContextBuilder.sslProvider}.
	 * @return Netty's provider
	 */
	public SslProvider sslProvider() {
		return this.sslProvider;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
