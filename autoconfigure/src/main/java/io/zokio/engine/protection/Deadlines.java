package io.zokio.engine.protection;

/**
 * Deadlines as {@link System#nanoTime()} values, {@code 0} meaning none.
 */
final class Deadlines {

	private Deadlines() {
	}

	/**
	 * Return the deadline a timeout sets from now.
	 * @param now the current time
	 * @param timeoutNanos the timeout, {@code 0} for none
	 * @return the deadline, or {@code 0} for none
	 */
	static long deadline(long now, long timeoutNanos) {
		return (timeoutNanos != 0) ? now + timeoutNanos : 0;
	}

	/**
	 * Return whether a deadline has come.
	 * @param deadline the deadline, or {@code 0} for none
	 * @param now the current time
	 * @return whether it is due
	 */
	static boolean due(long deadline, long now) {
		return deadline != 0 && now - deadline >= 0;
	}

}
