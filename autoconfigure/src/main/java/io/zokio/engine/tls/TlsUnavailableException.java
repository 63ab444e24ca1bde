package io.zokio.engine.tls;

import java.util.List;

/**
 * Thrown when native TLS is required and could not be used, or when no TLS implementation could
 * serve the server's key material at all.
 */
public final class TlsUnavailableException extends IllegalStateException {

	private final transient List<TlsAttempt> attempts;

	private final boolean nativeRequired;

	TlsUnavailableException(List<TlsAttempt> attempts, boolean nativeRequired) {
		super(message(attempts, nativeRequired));
		this.attempts = List.copyOf(attempts);
		this.nativeRequired = nativeRequired;
	}

	private static String message(List<TlsAttempt> attempts, boolean nativeRequired) {
		StringBuilder message = new StringBuilder(nativeRequired
				? "Native TLS is required (zokio.tls.require-native=true) but could not be used:"
				: "No TLS implementation could serve the server's SSL configuration:");
		for (TlsAttempt attempt : attempts) {
			message.append(System.lineSeparator())
				.append("  - ")
				.append(attempt.provider())
				.append(" failed at ")
				.append(attempt.stage())
				.append(": ")
				.append(attempt.cause());
		}
		return message.toString();
	}

	/**
	 * Return every attempt made before giving up.
	 * @return the attempts
	 */
	public List<TlsAttempt> getAttempts() {
		return this.attempts;
	}

	/**
	 * Return whether an implementation failed only because its self-handshake ran out of time, as it
	 * does on a machine too busy to finish it, whatever the key material.
	 * @return whether a self-handshake timed out
	 */
	public boolean isSelfHandshakeTimedOut() {
		return this.attempts.stream()
			.anyMatch((attempt) -> attempt.cause() != null && attempt.cause().startsWith(SelfHandshake.TIMED_OUT));
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
