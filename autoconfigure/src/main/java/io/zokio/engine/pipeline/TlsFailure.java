package io.zokio.engine.pipeline;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

import io.netty.handler.ssl.SslHandshakeTimeoutException;

/**
 * Why a TLS handshake failed, by cause class.
 */
public enum TlsFailure {

	/**
	 * Not TLS, a protocol version or message the server refuses, or any other violation of the
	 * handshake.
	 */
	PROTOCOL("protocol"),

	/**
	 * No cipher suite, key-exchange group or curve in common.
	 */
	CIPHER("cipher"),

	/**
	 * A certificate refused: the client did not trust the server's, or the server refused or missed
	 * the client's.
	 */
	CERTIFICATE("certificate"),

	/**
	 * The handshake did not finish within {@code zokio.tls.handshake-timeout}.
	 */
	TIMEOUT("timeout"),

	/**
	 * The client closed or reset the connection before the handshake finished.
	 */
	CLIENT_ABORT("clientAbort");

	private final String id;

	TlsFailure(String id) {
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
	 * Classify the failure of a handshake by the exceptions Netty, BoringSSL and the JDK raise.
	 * <p>
	 * A TLS 1.3 client that refuses the server's certificate may answer the server's encrypted
	 * flight with a two-byte plaintext alert (OpenSSL's clients do): the server cannot decrypt it,
	 * and reports a record too short ({@code BAD_PACKET_LENGTH} in BoringSSL, {@code Insufficient
	 * buffer remaining for AEAD cipher fragment (2)} in the JDK), not the alert. Both are classed as
	 * {@link #CERTIFICATE}: nothing else sends a bare alert at that point of a handshake.
	 * @param failure the failure
	 * @return its cause class
	 */
	public static TlsFailure of(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SslHandshakeTimeoutException) {
				return TIMEOUT;
			}
			if (cause instanceof ClosedChannelException
					|| (cause instanceof IOException && !(cause instanceof javax.net.ssl.SSLException))) {
				return CLIENT_ABORT;
			}
			messages.append(' ').append(cause.getMessage());
		}
		String text = messages.toString().toLowerCase(Locale.ROOT);
		if (text.contains("bad_packet_length") || text.contains("insufficient buffer remaining for aead")) {
			return CERTIFICATE;
		}
		if (text.contains("cipher") || text.contains("no_shared_group") || text.contains("wrong_curve")) {
			return CIPHER;
		}
		if (text.contains("certificate") || text.contains("unknown_ca") || text.contains("pkix")) {
			return CERTIFICATE;
		}
		if (text.contains("closed") || text.contains("terminated the handshake") || text.contains("user_canceled")) {
			return CLIENT_ABORT;
		}
		return PROTOCOL;
	}

}
