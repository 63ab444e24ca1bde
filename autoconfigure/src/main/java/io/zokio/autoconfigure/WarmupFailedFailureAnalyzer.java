package io.zokio.autoconfigure;

import io.zokio.engine.warmup.WarmupReport;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start that failed because a required warm-up failed.
 */
final class WarmupFailedFailureAnalyzer extends AbstractFailureAnalyzer<WarmupFailedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WarmupFailedException cause) {
		WarmupReport report = cause.report();
		return new FailureAnalysis(
				"Zokio's warm-up failed (" + report.state() + " after " + report.requests() + " requests in "
						+ report.elapsed().toMillis() + " ms): " + report.failure()
						+ ". zokio.warmup.required is true, so the application does not start.",
				"Make the routes in zokio.warmup.requests answer below 500, give the warm-up more time with "
						+ "zokio.warmup.duration, or set zokio.warmup.required=false to start after a failed warm-up.",
				cause);
	}

}
