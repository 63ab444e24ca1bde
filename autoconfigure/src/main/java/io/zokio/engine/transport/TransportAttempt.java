package io.zokio.engine.transport;

import org.jspecify.annotations.Nullable;

/**
 * One transport tried during selection: the last stage it reached, how it ended and why.
 *
 * @param transport the transport tried
 * @param stage the last stage reached
 * @param outcome whether it failed there or was selected
 * @param cause why it failed, or {@code null} when selected
 * @param micros how long the attempt took, in microseconds
 */
public record TransportAttempt(Transport transport, AttemptStage stage, AttemptOutcome outcome, @Nullable String cause,
		long micros) {

	static TransportAttempt failed(Transport transport, AttemptStage stage, String cause, long micros) {
		return new TransportAttempt(transport, stage, AttemptOutcome.FAILED, cause, micros);
	}

	static TransportAttempt selected(Transport transport, long micros) {
		return new TransportAttempt(transport, AttemptStage.BIND, AttemptOutcome.SELECTED, null, micros);
	}

	@Override
	public String toString() {
		return (this.outcome == AttemptOutcome.SELECTED) ? this.transport + " (selected)"
				: this.transport + " (" + this.stage + ": " + this.cause + ")";
	}

}
