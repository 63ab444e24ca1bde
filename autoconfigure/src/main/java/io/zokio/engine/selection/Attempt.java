package io.zokio.engine.selection;

import org.jspecify.annotations.Nullable;

/**
 * One candidate tried during a selection.
 *
 * @param <C> the kind of candidate
 * @param candidate the candidate
 * @param stage the stage reached: where it failed, or the last one for the selected candidate
 * @param outcome how the attempt ended
 * @param cause why it failed, or {@code null} when it was selected
 * @param micros how long the attempt took, in microseconds
 */
public record Attempt<C extends Candidate>(C candidate, Stage stage, Outcome outcome, @Nullable String cause,
		long micros) {

	/**
	 * Return the attempt of a candidate that failed.
	 * @param <C> the kind of candidate
	 * @param candidate the candidate
	 * @param stage where it failed
	 * @param cause why
	 * @param micros how long it took, in microseconds
	 * @return the attempt
	 */
	public static <C extends Candidate> Attempt<C> failed(C candidate, Stage stage, String cause, long micros) {
		return new Attempt<>(candidate, stage, Outcome.FAILED, cause, micros);
	}

	/**
	 * Return the attempt of the candidate that passed every stage.
	 * @param <C> the kind of candidate
	 * @param candidate the candidate
	 * @param stage its last stage
	 * @param micros how long it took, in microseconds
	 * @return the attempt
	 */
	public static <C extends Candidate> Attempt<C> selected(C candidate, Stage stage, long micros) {
		return new Attempt<>(candidate, stage, Outcome.SELECTED, null, micros);
	}

	@Override
	public String toString() {
		return (this.outcome == Outcome.SELECTED) ? this.candidate + " (selected)"
				: this.candidate + " (" + this.stage + ": " + this.cause + ")";
	}

}
