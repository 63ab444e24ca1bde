package io.zokio.engine.transport;

import java.util.List;

/**
 * Thrown when a native transport is required and none could be used.
 */
public final class NativeTransportUnavailableException extends IllegalStateException {

	private final transient List<TransportAttempt> attempts;

	NativeTransportUnavailableException(List<TransportAttempt> attempts) {
		super(message(attempts));
		this.attempts = List.copyOf(attempts);
	}

	private static String message(List<TransportAttempt> attempts) {
		StringBuilder message = new StringBuilder(
				"A native transport is required (zokio.transport.require-native=true) but none could be used:");
		for (TransportAttempt attempt : attempts) {
			if (attempt.transport().isNative()) {
				message.append(System.lineSeparator())
					.append("  - ")
					.append(attempt.transport())
					.append(" failed at ")
					.append(attempt.stage())
					.append(": ")
					.append(attempt.cause());
			}
		}
		return message.toString();
	}

	/**
	 * Return every attempt made before giving up.
	 * @return the attempts
	 */
	public List<TransportAttempt> getAttempts() {
		return this.attempts;
	}

}
