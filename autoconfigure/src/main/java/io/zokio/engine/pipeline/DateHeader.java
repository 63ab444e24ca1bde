package io.zokio.engine.pipeline;

import java.util.Date;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;

/**
 * The value of the {@code Date} header that an origin server with a clock must send on every final
 * response (RFC 9110 section 6.6.1): formatted once a second and shared by every event loop, so that
 * a response costs one clock read and one volatile read.
 */
final class DateHeader {

	private static volatile Formatted current = format(System.currentTimeMillis() / 1000);

	private DateHeader() {
	}

	/**
	 * Return the current second as an IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}).
	 * @return the header value
	 */
	static AsciiString now() {
		long second = System.currentTimeMillis() / 1000;
		Formatted formatted = current;
		if (formatted.second() != second) {
			formatted = format(second);
			current = formatted;
		}
		return formatted.value();
	}

	private static Formatted format(long second) {
		return new Formatted(second, AsciiString.cached(DateFormatter.format(new Date(second * 1000))));
	}

	private record Formatted(long second, AsciiString value) {
	}

}
