package io.zokio.autoconfigure;

import io.zokio.engine.warmup.WarmupReport;

/**
 * Thrown when a required warm-up ({@code zokio.warmup.required}) fails, to fail the start.
 */
final class WarmupFailedException extends RuntimeException {

	private final transient WarmupReport report;

	WarmupFailedException(WarmupReport report) {
		super("Zokio's warm-up ended " + report.state() + " after " + report.requests() + " requests: "
				+ report.failure());
		this.report = report;
	}

	WarmupReport report() {
		return this.report;
	}

}
