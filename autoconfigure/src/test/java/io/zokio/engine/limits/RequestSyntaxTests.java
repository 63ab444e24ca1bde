package io.zokio.engine.limits;

import org.junit.jupiter.params.ParameterizedTest;
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

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/", "/a?b=c&d", "*", "http://example.com/x", "example.com:443", "/%7Euser" })
	void acceptsTargetsOfVisibleAscii(String target) {
		assertThat(RequestSyntax.isTarget(target)).isTrue();
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "", "/a b", "/a\u0000", "/a\t", "/caf\u00e9", "/\u007f" })
	void refusesTargetsWithControlsSpacesOrBytesAboveTilde(String target) {
		assertThat(RequestSyntax.isTarget(target)).isFalse();
	}

}
