package io.zokio.engine.limits;

import org.jspecify.annotations.Nullable;

/**
 * The syntax of the parts of a request head that Netty's decoder takes as they come: the
 * {@code Host} field value (RFC 9112 section 3.2, RFC 3986 section 3.2.2, with no user
 * information as RFC 9110 section 4.2.4 requires) and the characters of the request target (RFC 9112
 * section 3.2: visible US-ASCII only, so no control character, space or raw byte above 0x7E).
 */
final class RequestSyntax {

	private static final String SUB_DELIMS = "!$&'()*+,;=";

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
	 * Return whether a request target has only visible US-ASCII characters, and at least one.
	 * @param target the request target as decoded, one character per byte
	 * @return whether it is valid
	 */
	static boolean isTarget(String target) {
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
