package io.zokio.test;

import java.util.List;

import io.zokio.engine.pipeline.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 conformance vectors: one per rule of RFC 9112 and RFC 9110 that a server can check,
 * named after its section. A refused request is counted under its rule class (Zokio's refusals) or
 * as a decode error (the rules Netty's decoder enforces); a valid one in any of its forms is served.
 */
public final class ConformanceVectors {

	public static final String DECODER = "decoder";

	private static final String CHUNKED = "POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";

	public static final List<Vector> REFUSED = List.of(
			Vector.of("RFC 9112 §2.2", "whitespace before the first field line",
					"GET /plaintext HTTP/1.1\r\n Host: a\r\n\r\n", 400, Refusal.LINE_FOLDING.id()),
			Vector.of("RFC 9112 §2.2", "bare CR in a field value", "GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: a\rb\r\n\r\n",
					400, DECODER),
			Vector.of("RFC 9112 §2.3", "lower-case HTTP-name", "GET /plaintext http/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.VERSION.id()),
			Vector.of("RFC 9112 §2.3, RFC 9110 §6.2", "major version 1, minor version 2",
					"GET /plaintext HTTP/1.2\r\nHost: a\r\n\r\n", 505, Refusal.VERSION_NOT_SUPPORTED.id()),
			Vector.of("RFC 9112 §3", "request line of 9,000 octets",
					"GET /plaintext?q=" + "a".repeat(8970) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414, DECODER),
			Vector.of("RFC 9112 §3.2", "missing Host", "GET /plaintext HTTP/1.1\r\n\r\n", 400, Refusal.HOST.id()),
			Vector.of("RFC 9112 §3.2", "two Host fields", "GET /plaintext HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400,
					Refusal.HOST.id()),
			Vector.of("RFC 9112 §3.2", "empty Host", "GET /plaintext HTTP/1.1\r\nHost:\r\n\r\n", 400, Refusal.HOST.id()),
			Vector.of("RFC 9112 §3.2, RFC 3986 §3.2.2", "Host with a path", "GET /plaintext HTTP/1.1\r\nHost: a/b\r\n\r\n",
					400, Refusal.HOST.id()),
			Vector.of("RFC 9110 §4.2.4", "Host with user information",
					"GET /plaintext HTTP/1.1\r\nHost: user@example.com\r\n\r\n", 400, Refusal.HOST.id()),
			Vector.of("RFC 9112 §3.2", "NUL in the target", "GET /plain\u0000text HTTP/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.TARGET.id()),
			Vector.of("RFC 9112 §3.2", "raw byte above 0x7E in the target", "GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.TARGET.id()),
			Vector.of("RFC 9112 §3.2", "target in no form", "GET plaintext HTTP/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.TARGET.id()),
			Vector.of("RFC 9112 §3.2.3", "authority-form without CONNECT", "GET a:443 HTTP/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.TARGET.id()),
			Vector.of("RFC 9112 §3.2.4", "asterisk-form without OPTIONS", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400,
					Refusal.TARGET.id()),
			Vector.of("RFC 9110 §9.3.6", "CONNECT to an origin server", "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n",
					501, Refusal.NOT_IMPLEMENTED.id()),
			Vector.of("RFC 9112 §5", "field section over the limit",
					"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: " + "a".repeat(20_000) + "\r\n\r\n", 431, DECODER),
			Vector.of("RFC 9112 §5.1", "whitespace before the colon", "GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A : b\r\n\r\n",
					400, DECODER),
			Vector.of("RFC 9110 §5.1", "field name that is not a token",
					"GET /plaintext HTTP/1.1\r\nHost: a\r\nX(A): b\r\n\r\n", 400, DECODER),
			Vector.of("RFC 9110 §5.5", "NUL in a field value", "GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: a\u0000b\r\n\r\n",
					400, DECODER),
			Vector.of("RFC 9112 §5.2", "obsolete line folding",
					"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n", 400, Refusal.LINE_FOLDING.id()),
			Vector.of("RFC 9112 §6.1", "transfer coding other than chunked",
					"POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501,
					Refusal.NOT_IMPLEMENTED.id()),
			Vector.of("RFC 9112 §6.1", "chunked applied twice",
					"POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400, DECODER),
			Vector.of("RFC 9112 §6.1", "Transfer-Encoding in HTTP/1.0",
					"POST /size HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, DECODER),
			Vector.of("RFC 9112 §6.3", "Content-Length and Transfer-Encoding",
					"POST /size HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
					DECODER),
			Vector.of("RFC 9112 §6.3, RFC 9110 §8.6", "Content-Length that is not a number",
					"POST /size HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello", 400, DECODER),
			Vector.of("RFC 9112 §6.3", "two different Content-Length values",
					"POST /size HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400, DECODER),
			Vector.of("RFC 9112 §7.1", "chunk size that is not hexadecimal", CHUNKED + "5\r\nhello\r\nZZ\r\nabc\r\n0\r\n\r\n",
					400, Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1", "chunk longer than its size", CHUNKED + "3\r\nhello\r\n0\r\n\r\n", 400,
					Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1", "chunk size over 31 bits", CHUNKED + "100000000\r\nhello\r\n0\r\n\r\n", 400,
					Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1.1", "empty chunk extension", CHUNKED + "5;\r\nhello\r\n0\r\n\r\n", 400,
					Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1.1", "chunk extension name that is not a token",
					CHUNKED + "5;a b\r\nhello\r\n0\r\n\r\n", 400, Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1.1", "chunk size line of 9,000 octets",
					CHUNKED + "5;x=" + "a".repeat(9000) + "\r\nhello\r\n0\r\n\r\n", 400, Refusal.CHUNK.id()),
			Vector.of("RFC 9112 §7.1.1", "chunk extensions past 16 KiB over one request",
					CHUNKED + ("1;" + "e".repeat(2047) + "\r\nx\r\n").repeat(8) + "1;", 413,
					Refusal.CONTENT_TOO_LARGE.id()),
			Vector.of("RFC 9112 §7.1.2, §5.2", "folded trailer field", CHUNKED + "5\r\nhello\r\n0\r\nX-T: a\r\n b\r\n\r\n",
					400, Refusal.LINE_FOLDING.id()));

	public static final List<Vector> SERVED = List.of(
			Vector.of("RFC 9112 §2.2", "empty line before the request line", "\r\nGET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n",
					200, null),
			Vector.of("RFC 9112 §3", "request line of 8,000 octets",
					"GET /plaintext?q=" + "a".repeat(7970) + " HTTP/1.1\r\nHost: a\r\n\r\n", 200, null),
			Vector.closing("RFC 9112 §3.2, §9.3", "HTTP/1.0 without Host", "GET /plaintext HTTP/1.0\r\n\r\n"),
			Vector.of("RFC 9112 §3.2.2", "absolute-form", "GET http://a/plaintext HTTP/1.1\r\nHost: a\r\n\r\n", 200, null),
			Vector.of("RFC 9112 §3.2.4, RFC 9110 §9.3.7", "OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", 200, null),
			Vector.of("RFC 9110 §5.5", "obs-text in a field value",
					"GET /plaintext HTTP/1.1\r\nHost: a\r\nX-A: caf\u00e9\r\n\r\n", 200, null),
			Vector.of("RFC 9112 §7.1.1", "chunk extensions", CHUNKED + "5 ; a ; b=c;d=\"e \\\" f\"\r\nhello\r\n0;z\r\n\r\n",
					200, "5"),
			Vector.of("RFC 9112 §7.1.1", "chunk size line of 8,000 octets",
					CHUNKED + "5;x=" + "a".repeat(7990) + "\r\nhello\r\n0\r\n\r\n", 200, "5"),
			Vector.of("RFC 9112 §7.1.2", "trailer fields", CHUNKED + "5\r\nhello\r\n0\r\nX-T: a\r\nX-U: b\r\n\r\n", 200,
					"5"));

	private ConformanceVectors() {
	}

	/**
	 * One conformance vector.
	 * @param rule the sections of the RFCs it checks
	 * @param name what it sends
	 * @param request the bytes, one character per byte
	 * @param status the status expected
	 * @param outcome for a refused request, the id of the refusal it is counted under or
	 * {@code decoder}; for a served one, the body expected, if any
	 * @param persistent whether the connection stays open after a served request
	 */
	public record Vector(String rule, String name, String request, int status, @Nullable String outcome, boolean persistent) {

		public static Vector of(String rule, String name, String request, int status, @Nullable String outcome) {
			return new Vector(rule, name, request, status, outcome, status < 400);
		}

		public static Vector closing(String rule, String name, String request) {
			return new Vector(rule, name, request, 200, null, false);
		}

		@Override
		public String toString() {
			return this.rule + " " + this.name;
		}

	}

}
