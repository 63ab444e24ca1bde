package io.zokio.engine.conformance;

import io.netty.util.ByteProcessor;

/**
 * The octet classes of RFC 9110 that chunk extensions are made of, as lookup tables, and the
 * processors that find where a run of one class ends in a buffer.
 */
final class Octets {

	private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

	private static final boolean[] TOKEN = new boolean[256];

	private static final boolean[] QUOTED_TEXT = new boolean[256];

	static {
		for (int b = 0; b < 256; b++) {
			byte octet = (byte) b;
			TOKEN[b] = (octet >= 'a' && octet <= 'z') || (octet >= 'A' && octet <= 'Z') || (octet >= '0' && octet <= '9')
					|| (octet > ' ' && octet < 0x7f && TOKEN_SYMBOLS.indexOf(octet) >= 0);
			QUOTED_TEXT[b] = (octet == ' ' || octet == '\t' || isVisibleOrObsText(octet)) && octet != '"' && octet != '\\';
		}
	}

	/**
	 * Stops at the first octet that is not a {@code tchar}.
	 */
	static final ByteProcessor NOT_TOKEN = (b) -> TOKEN[b & 0xff];

	/**
	 * Stops at the first octet that is not {@code qdtext}: a quote, a backslash, or a control.
	 */
	static final ByteProcessor NOT_QUOTED_TEXT = (b) -> QUOTED_TEXT[b & 0xff];

	private Octets() {
	}

	static boolean isToken(byte b) {
		return TOKEN[b & 0xff];
	}

	static boolean isVisibleOrObsText(byte b) {
		return (b > ' ' && b != 0x7f) || b < 0;
	}

}
