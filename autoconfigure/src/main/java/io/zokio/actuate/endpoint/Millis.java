package io.zokio.actuate.endpoint;

/**
 * Converts microseconds to milliseconds rounded to the microsecond, for reports.
 */
final class Millis {

	private Millis() {
	}

	static double of(double micros) {
		return Math.round(micros) / 1000.0;
	}

}
