package io.zokio.engine.selection;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What a selection chose, what was asked for, and every attempt on the way.
 *
 * @param <C> the kind of candidate
 */
public interface SelectionReport<C extends Candidate> {

	/**
	 * Return the candidate in use.
	 * @return the candidate
	 */
	C selected();

	/**
	 * Return the candidate the configuration asked for.
	 * @return the candidate, or {@code null} when the order was left to Zokio
	 */
	@Nullable C requested();

	/**
	 * Return every attempt, in order.
	 * @return the attempts
	 */
	List<Attempt<C>> attempts();

	/**
	 * Return one line that says what runs, with which settings, and why each candidate before it
	 * was not used.
	 * @return the summary
	 */
	String summary();

	/**
	 * Return the attempts that failed, in order.
	 * @return the failed attempts
	 */
	default List<Attempt<C>> failures() {
		return attempts().stream().filter((attempt) -> attempt.outcome() == Outcome.FAILED).toList();
	}

	/**
	 * Return whether a candidate was asked for and another one runs.
	 * @return whether the requested candidate could not be used
	 */
	default boolean requestedUnavailable() {
		C requested = requested();
		return requested != null && requested != selected();
	}

	/**
	 * Return the summary's tail naming the candidates not used, or an empty string.
	 * @return the tail
	 */
	default String notUsed() {
		List<Attempt<C>> failures = failures();
		return failures.isEmpty() ? ""
				: "; not used: " + String.join("; ", failures.stream().map(Attempt::toString).toList());
	}

	/**
	 * Log the selection: a WARN when the candidate asked for could not be used, else an INFO.
	 * @param logger the selector's logger
	 * @param kind what was selected, such as {@code transport}
	 */
	default void log(Logger logger, String kind) {
		if (requestedUnavailable()) {
			logger.warn("Requested {} {} could not be used. {}", kind, requested(), summary());
		}
		else {
			logger.info(summary());
		}
	}

}
