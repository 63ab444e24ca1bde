package io.zokio.engine.http3;

import io.zokio.engine.selection.Stage;

/**
 * Thrown when HTTP/3 is required and a stage of its start failed.
 */
public final class Http3UnavailableException extends IllegalStateException {

	private final transient Http3Report report;

	/**
	 * Create the exception for a report of a failed start.
	 * @param report the report
	 */
	public Http3UnavailableException(Http3Report report) {
		super("HTTP/3 was required and could not be served: " + report.stage() + " failed: " + report.cause());
		this.report = report;
	}

	/**
	 * Return the stage that failed.
	 * @return the stage
	 */
	public Stage getStage() {
		Stage stage = this.report.stage();
		return (stage != null) ? stage : Stage.LOAD;
	}

	/**
	 * Return the report of the failed start.
	 * @return the report
	 */
	public Http3Report getReport() {
		return this.report;
	}

}
