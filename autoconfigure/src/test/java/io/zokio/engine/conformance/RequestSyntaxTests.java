package io.zokio.engine.conformance;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSyntaxTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "a", "example.com", "example.com:8080", "example.com:", "127.0.0.1:80", "[::1]", "[::1]:443",
			"[v1.fe80::a+en1]", "xn--bcher-kva.example", "%41b.example", "a-b_c~d", "sub!$&'()*+,;=" })
	void acceptsEveryFormOfUriHostWithAnOptionalPort(String host) {
		assertThat(RequestSyntax.isHost(host)).isTrue();
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "", "user@example.com", "a b", "a/b", "a?b", "a#b", ":80", "[::1", "[]", "[::1]x",
			"a:8x", "a:80:90", "%4", "%zz", "caf\u00e9", "a\u0000" })
	void refusesUserInformationEmptyHostsAndCharactersOutsideTheGrammar(String host) {
		assertThat(RequestSyntax.isHost(host)).isFalse();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			GET     | /
			GET     | /a?b=c&d
			GET     | /%7Euser
			OPTIONS | *
			OPTIONS | /a
			GET     | http://example.com/x
			POST    | HTTPS://example.com:8443
			""")
	void acceptsOriginAbsoluteAndAsteriskForms(String method, String target) {
		assertThat(RequestSyntax.isTarget(HttpMethod.valueOf(method), target)).isTrue();
	}

	@ParameterizedTest(name = "{0} [{1}]")
	@CsvSource(delimiter = '|', textBlock = """
			GET     | ''
			GET     | *
			OPTIONS | **
			GET     | example.com:443
			GET     | a
			GET     | ftp://example.com/
			GET     | /a b
			GET     | '/a\u0000'
			GET     | '/a\t'
			GET     | /caf\u00e9
			GET     | '/\u007f'
			""")
	void refusesOtherFormsControlsSpacesAndBytesAboveTilde(String method, String target) {
		assertThat(RequestSyntax.isTarget(HttpMethod.valueOf(method), target)).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			chunked             | true
			CHUNKED             | true
			gzip, chunked       | false
			'gzip ,  chunked'   | false
			x-custom            | false
			chunked;q=1         | false
			""")
	void takesOnlyChunkedForATransferCoding(String codings, boolean chunkedOnly) {
		HttpHeaders headers = new DefaultHttpHeaders().add(HttpHeaderNames.TRANSFER_ENCODING, codings);
		assertThat(RequestSyntax.isChunkedOnly(headers)).isEqualTo(chunkedOnly);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "chunked, true", "gzip, false" })
	void readsEveryTransferEncodingField(String second, boolean chunkedOnly) {
		HttpHeaders headers = new DefaultHttpHeaders().add(HttpHeaderNames.TRANSFER_ENCODING, "chunked")
			.add(HttpHeaderNames.TRANSFER_ENCODING, second);
		assertThat(RequestSyntax.isChunkedOnly(headers)).isEqualTo(chunkedOnly);
	}

}
