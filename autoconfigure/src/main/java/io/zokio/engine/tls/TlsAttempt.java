package io.zokio.engine.tls;

import io.zokio.engine.transport.AttemptOutcome;
import org.jspecify.annotations.Nullable;

/**
 * One TLS implementation tried during selection: the last stage it reached, how it ended and why.
 *
 * @param provider the implementation tried
 * @param stage the last stage reached
 * @param outcome whether it failed there or was selected
 * @param cause why it failed, or {@code null} when selected
 * @param micros how long the attempt took, in microseconds
 */
public record TlsAttempt(TlsProvider provider, TlsStage stage, AttemptOutcome outcome, @Nullable String cause,
		long micros) {

	static TlsAttempt failed(TlsProvider provider, TlsStage stage, String cause, long micros) {
		return new TlsAttempt(provider, stage, AttemptOutcome.FAILED, cause, micros);
	}

	static TlsAttempt selected(TlsProvider provider, long micros) {
		return new TlsAttempt(provider, TlsStage.HANDSHAKE, AttemptOutcome.SELECTED, null, micros);
	}

	@Override
	public String toString() {
		return (this.outcome == AttemptOutcome.SELECTED) ? this.provider + " (selected)"
				: this.provider + " (" + this.stage + ": " + this.cause + ")";
	}

}
