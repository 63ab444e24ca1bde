package io.zokio.engine.selection;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns a failure into the one-line cause shown in reports and logs.
 */
public final class Causes {

	private static final int MAX_SUPPRESSED = 3;

	private Causes() {
	}

	/**
	 * Describe a failure by its root cause's message, followed by the messages of what the root
	 * suppressed (Netty records each native library load attempt there).
	 * @param failure the failure
	 * @return the description
	 */
	public static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		Set<String> messages = new LinkedHashSet<>();
		messages.add(message(root));
		Throwable[] suppressed = root.getSuppressed();
		for (int i = 0; i < Math.min(suppressed.length, MAX_SUPPRESSED); i++) {
			messages.add(message(suppressed[i]));
		}
		return String.join("; ", messages);
	}

	private static String message(Throwable throwable) {
		String message = throwable.getMessage();
		return (message != null && !message.isBlank()) ? message : throwable.getClass().getName();
	}

}
