package io.zokio.engine.selection;

import java.util.List;

/**
 * Thrown when a selection found nothing acceptable: every candidate it could use failed, or a
 * native one was required and none passed. Lists every attempt's stage and cause.
 */
public abstract class UnavailableException extends IllegalStateException {

	private final transient List<? extends Attempt<?>> attempts;

	/**
	 * Create an exception listing the given attempts under a headline.
	 * @param headline what could not be selected
	 * @param attempts the attempts to list
	 */
	protected UnavailableException(String headline, List<? extends Attempt<?>> attempts) {
		super(message(headline, attempts));
		this.attempts = List.copyOf(attempts);
	}

	private static String message(String headline, List<? extends Attempt<?>> attempts) {
		StringBuilder message = new StringBuilder(headline);
		for (Attempt<?> attempt : attempts) {
			message.append(System.lineSeparator())
				.append("  - ")
				.append(attempt.candidate())
				.append(" failed at ")
				.append(attempt.stage())
				.append(": ")
				.append(attempt.cause());
		}
		return message.toString();
	}

	/**
	 * Return the attempts the message lists.
	 * @return the attempts
	 */
	public List<? extends Attempt<?>> getAttempts() {
		return this.attempts;
	}

}
