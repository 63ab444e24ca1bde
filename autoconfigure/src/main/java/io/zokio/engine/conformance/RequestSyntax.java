package io.zokio.engine.conformance;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;

/**
 * The syntax of the parts of a request head that Netty's decoder takes as they come: the
 * {@code Host} field value (RFC 9112 section 3.2, RFC 3986 section 3.2.2, with no user
 * information as RFC 9110 section 4.2.4 requires), the form and characters of the request target
 * (RFC 9112 section 3.2: visible US-ASCII only, so no control character, space or raw byte above
 * 0x7E) and the transfer codings (RFC 9112 section 6.1).
 */
final class RequestSyntax {

	private static final String SUB_DELIMS = "!$&'()*+,;=";

	private static final String HTTP = "http://";

	private static final String HTTPS = "https://";

	private RequestSyntax() {
	}

	/**
	 * Return whether a {@code Host} field value is {@code uri-host [ ":" port ]}, with a host that
	 * is not empty.
	 * @param host the field value, trimmed
	 * @return whether it is valid
	 */
	static boolean isHost(@Nullable CharSequence host) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		int length = host.length();
		int index;
		if (host.charAt(0) == '[') {
			index = ipLiteralEnd(host);
			if (index < 0) {
				return false;
			}
		}
		else {
			index = 0;
			while (index < length && host.charAt(index) != ':') {
				char c = host.charAt(index);
				if (c == '%') {
					if (index + 2 >= length || !isHex(host.charAt(index + 1)) || !isHex(host.charAt(index + 2))) {
						return false;
					}
					index += 3;
					continue;
				}
				if (!isUnreserved(c) && SUB_DELIMS.indexOf(c) < 0) {
					return false;
				}
				index++;
			}
			if (index == 0) {
				return false;
			}
		}
		if (index == length) {
			return true;
		}
		if (host.charAt(index) != ':') {
			return false;
		}
		for (int i = index + 1; i < length; i++) {
			if (!isDigit(host.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return whether a request target is in one of the forms a server takes other than
	 * authority-form, which only {@code CONNECT} uses (RFC 9112 section 3.2): origin-form
	 * ({@code /path?query}), absolute-form with the {@code http} or {@code https} scheme, or
	 * asterisk-form ({@code *}) with {@code OPTIONS}; and whether it has only visible US-ASCII
	 * characters.
	 * @param method the request method
	 * @param target the request target as decoded, one character per byte
	 * @return whether it is valid
	 */
	static boolean isTarget(HttpMethod method, String target) {
		int length = target.length();
		if (length == 0) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = target.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		char first = target.charAt(0);
		if (first == '/') {
			return true;
		}
		if (first == '*') {
			return length == 1 && method == HttpMethod.OPTIONS;
		}
		return target.regionMatches(true, 0, HTTP, 0, HTTP.length())
				|| target.regionMatches(true, 0, HTTPS, 0, HTTPS.length());
	}

	/**
	 * Return whether the transfer codings of a request are all {@code chunked}, the one coding
	 * the server implements (RFC 9112 section 6.1). Netty's decoder has already refused codings
	 * that do not end in {@code chunked}, {@code chunked} applied twice, and codings next to a
	 * {@code Content-Length}.
	 * @param headers the request's headers, with a {@code Transfer-Encoding}
	 * @return whether every coding is {@code chunked}
	 */
	static boolean isChunkedOnly(HttpHeaders headers) {
		for (String value : headers.getAll(HttpHeaderNames.TRANSFER_ENCODING)) {
			int start = 0;
			while (start <= value.length()) {
				int comma = value.indexOf(',', start);
				int end = (comma < 0) ? value.length() : comma;
				String coding = value.substring(start, end).strip();
				if (!coding.isEmpty() && !HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(coding)) {
					return false;
				}
				start = end + 1;
			}
		}
		return true;
	}

	private static int ipLiteralEnd(CharSequence host) {
		int length = host.length();
		for (int i = 1; i < length; i++) {
			char c = host.charAt(i);
			if (c == ']') {
				return (i > 1) ? i + 1 : -1;
			}
			if (!isHex(c) && c != ':' && c != '.' && c != 'v' && c != 'V' && !isUnreserved(c)
					&& SUB_DELIMS.indexOf(c) < 0) {
				return -1;
			}
		}
		return -1;
	}

	private static boolean isUnreserved(char c) {
		return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
	}

	private static boolean isAlpha(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isHex(char c) {
		return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
