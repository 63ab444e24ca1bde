package io.zokio.engine.buffer;

import java.util.Locale;

/**
 * Byte counts as a person reads them in a log line, in the units of Spring Boot's {@code DataSize}
 * ({@code 16MB} is 16 × 2<sup>20</sup> bytes): whole units where the count is a multiple of one,
 * else one decimal.
 */
final class ByteSizes {

	private static final long KB = 1024;

	private static final long MB = KB * 1024;

	private static final long GB = MB * 1024;

	private ByteSizes() {
	}

	static String format(long bytes) {
		long magnitude = Math.abs(bytes);
		for (long unit : new long[] { GB, MB, KB }) {
			if (magnitude >= unit) {
				return (bytes % unit == 0) ? (bytes / unit) + name(unit)
						: String.format(Locale.ROOT, "%.1f%s", (double) bytes / unit, name(unit));
			}
		}
		return bytes + "B";
	}

	private static String name(long unit) {
		return (unit == GB) ? "GB" : (unit == MB) ? "MB" : "KB";
	}

}
