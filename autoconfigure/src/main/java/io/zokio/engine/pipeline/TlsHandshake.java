package io.zokio.engine.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * How a connection's TLS handshake ended.
 *
 * @param failure why it failed, or {@code null} when it completed
 * @param version the negotiated version, {@link TlsVersion#OTHER} when it failed
 * @param alpn the protocol ALPN chose, {@link AlpnProtocol#NONE} when it failed
 * @param resumed whether it resumed an earlier session
 * @param nanos how long it took from the connection's start
 */
public record TlsHandshake(@Nullable TlsFailure failure, TlsVersion version, AlpnProtocol alpn, boolean resumed,
		long nanos) {

	static TlsHandshake completed(TlsVersion version, AlpnProtocol alpn, boolean resumed, long nanos) {
		return new TlsHandshake(null, version, alpn, resumed, nanos);
	}

	static TlsHandshake failed(TlsFailure failure, long nanos) {
		return new TlsHandshake(failure, TlsVersion.OTHER, AlpnProtocol.NONE, false, nanos);
	}

	/**
	 * Return whether the handshake completed.
	 * @return whether it completed
	 */
	public boolean completed() {
		return this.failure == null;
	}

}
