package io.zokio.engine.tls;

import java.util.List;

import io.zokio.engine.selection.Attempt;
import io.zokio.engine.selection.UnavailableException;

/**
 * Thrown when no TLS implementation can serve the server's SSL configuration, or when native TLS
 * is required and it failed.
 */
public final class TlsUnavailableException extends UnavailableException {

	private final boolean nativeRequired;

	private final boolean selfHandshakeTimedOut;

	TlsUnavailableException(List<Attempt<TlsProvider>> attempts, boolean nativeRequired) {
		super(nativeRequired ? "Native TLS is required (zokio.tls.require-native=true) but could not be used:"
				: "No TLS implementation could serve the server's SSL configuration:", attempts);
		this.nativeRequired = nativeRequired;
		this.selfHandshakeTimedOut = attempts.stream()
			.anyMatch((attempt) -> attempt.cause() != null && attempt.cause().startsWith(SelfHandshake.TIMED_OUT));
	}

	/**
	 * Return whether an implementation failed only because its self-handshake ran out of time, as it
	 * does on a machine too busy to finish it, whatever the key material.
	 * @return whether a self-handshake timed out
	 */
	public boolean isSelfHandshakeTimedOut() {
		return this.selfHandshakeTimedOut;
	}

	/**
	 * Return whether startup failed because native TLS was required.
	 * @return {@code true} when native TLS was required, {@code false} when every implementation
	 * failed
	 */
	public boolean isNativeRequired() {
		return this.nativeRequired;
	}

}
