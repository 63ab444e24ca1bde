package io.zokio.autoconfigure;

import java.time.Duration;

import io.netty.handler.ssl.SslContextBuilder;
import io.zokio.engine.tls.TlsLibrary;
import io.zokio.engine.tls.TlsMode;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.tls.TlsSettings;
import io.zokio.engine.tls.TlsUnavailableException;
import io.zokio.test.TestKeyMaterial;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What Boot's report says when TLS selection failed, for failures made by a real selector.
 */
class TlsUnavailableFailureAnalyzerTests {

	private static final TlsSettings SETTINGS = new TlsSettings(TlsMode.AUTO, false, Duration.ofSeconds(10));

	@Test
	void blamesABusyMachineNotTheKeyMaterialWhenSelfHandshakesRanOutOfTime() {
		TlsUnavailableException failure = catchThrowableOfType(TlsUnavailableException.class,
				() -> new TlsSelector(SETTINGS, TlsLibrary.NETTY, Duration.ZERO)
					.select((provider) -> SslContextBuilder.forServer(TestKeyMaterial.keyManagers()).sslProvider(provider.sslProvider()).build()));
		FailureAnalysis analysis = new TlsUnavailableFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("self-handshake did not finish within 0 ms");
		assertThat(analysis.getAction()).contains("ran out of time").contains("not the key material")
			.doesNotContain("Fix the server's SSL configuration");
	}

	@Test
	void pointsAtTheSslConfigurationWhenNoImplementationAcceptsIt() {
		TlsUnavailableException failure = catchThrowableOfType(TlsUnavailableException.class,
				() -> new TlsSelector(SETTINGS, TlsLibrary.NETTY).select((provider) -> {
					throw new IllegalArgumentException("no key for " + provider);
				}));
		FailureAnalysis analysis = new TlsUnavailableFailureAnalyzer().analyze(failure);
		assertThat(failure.isSelfHandshakeTimedOut()).isFalse();
		assertThat(analysis.getAction()).startsWith("Fix the server's SSL configuration");
	}

}
