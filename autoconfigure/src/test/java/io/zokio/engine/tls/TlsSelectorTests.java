package io.zokio.engine.tls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.zokio.engine.selection.Outcome;
import io.zokio.engine.selection.Stage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Staged TLS selection over real server contexts, with the library's load stage as the seam.
 */
class TlsSelectorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<SslContext> served = new ArrayList<>();

	@AfterEach
	void release() {
		this.served.forEach(ReferenceCountUtil::release);
	}

	@Test
	void servesWithOpenSslWhenEveryStagePasses() {
		TlsSelector selector = selector(TlsMode.AUTO, false, loaded());
		serve(selector, TlsSelectorTests::working);
		TlsReport report = selector.report();
		assertThat(report.provider()).isEqualTo(TlsProvider.OPENSSL);
		assertThat(report.fallback()).isFalse();
		assertThat(report.protocol()).isEqualTo("TLSv1.3");
		assertThat(report.library()).isEqualTo("openssl library");
		assertThat(report.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.outcome()).isEqualTo(Outcome.SELECTED));
		assertThat(report.summary()).startsWith("Zokio TLS: openssl (openssl library, mode auto, self-handshake TLSv1.3");
	}

	@Test
	void provesAnImplementationWithinABoundOfItsOwnWhateverTheClientHandshakeTimeout() {
		TlsSelector selector = new TlsSelector(new TlsSettings(TlsMode.AUTO, false, Duration.ofNanos(1)), loaded());
		serve(selector, TlsSelectorTests::working);
		assertThat(selector.report().provider()).isEqualTo(TlsProvider.OPENSSL);
		assertThat(selector.report().fallback()).isFalse();
		assertThat(selector.report().handshakeTimeout()).isEqualTo(Duration.ofNanos(1));
	}

	@Test
	void saysSoWhenEverySelfHandshakeRanOutOfTime() {
		TlsSelector selector = new TlsSelector(new TlsSettings(TlsMode.AUTO, false, TIMEOUT), loaded(), Duration.ZERO);
		assertThatExceptionOfType(TlsUnavailableException.class).isThrownBy(() -> serve(selector, TlsSelectorTests::working))
			.satisfies((ex) -> {
				assertThat(ex.isSelfHandshakeTimedOut()).isTrue();
				assertThat(ex.getAttempts()).hasSize(2)
					.allSatisfy((attempt) -> assertThat(attempt.cause()).startsWith("self-handshake did not finish within 0 ms"));
			});
	}

	@Test
	void fallsBackToTheJdkWhenOpenSslDoesNotLoad() {
		TlsSelector selector = selector(TlsMode.AUTO, false, missing(new UnsatisfiedLinkError("failed to map segment")));
		SslContext context = serve(selector, TlsSelectorTests::working);
		assertThat(context.isServer()).isTrue();
		TlsReport report = selector.report();
		assertThat(report.provider()).isEqualTo(TlsProvider.JDK);
		assertThat(report.fallback()).isTrue();
		assertThat(report.failures()).singleElement().satisfies((attempt) -> {
			assertThat(attempt.candidate()).isEqualTo(TlsProvider.OPENSSL);
			assertThat(attempt.stage()).isEqualTo(Stage.LOAD);
			assertThat(attempt.cause()).isEqualTo("failed to map segment");
		});
		assertThat(report.summary()).endsWith("; not used: openssl (load: failed to map segment)");
		assertThat(report.requestedUnavailable()).isFalse();
	}

	@Test
	void fallsBackToTheJdkWhenOpenSslRefusesTheConfiguration() {
		TlsSelector selector = selector(TlsMode.OPENSSL, false, loaded());
		serve(selector, (provider) -> {
			if (provider == TlsProvider.OPENSSL) {
				throw new SSLException("unsupported cipher suite");
			}
			return working(provider);
		});
		TlsReport report = selector.report();
		assertThat(report.provider()).isEqualTo(TlsProvider.JDK);
		assertThat(report.requestedUnavailable()).isTrue();
		assertThat(report.failures()).singleElement().satisfies((attempt) -> {
			assertThat(attempt.stage()).isEqualTo(Stage.INIT);
			assertThat(attempt.cause()).isEqualTo("unsupported cipher suite");
		});
	}

	@Test
	void fallsBackToTheJdkWhenOpenSslCannotCompleteAHandshake() {
		TlsSelector selector = selector(TlsMode.AUTO, false, loaded());
		serve(selector, (provider) -> (provider == TlsProvider.OPENSSL)
				? SelfHandshakeTests.server(provider).protocols("TLSv1").build() : working(provider));
		TlsReport report = selector.report();
		assertThat(report.provider()).isEqualTo(TlsProvider.JDK);
		assertThat(report.failures()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.stage()).isEqualTo(Stage.HANDSHAKE));
	}

	@Test
	void triesOnlyTheJdkInJdkMode() {
		TlsSelector selector = selector(TlsMode.JDK, false, loaded());
		serve(selector, TlsSelectorTests::working);
		assertThat(selector.report().provider()).isEqualTo(TlsProvider.JDK);
		assertThat(selector.report().attempts()).hasSize(1);
	}

	@Test
	void failsWithEveryCauseWhenNativeIsRequiredAndOpenSslFails() {
		TlsSelector selector = selector(TlsMode.AUTO, true,
				missing(new ClassNotFoundException("io.netty.internal.tcnative.SSL")));
		assertThatExceptionOfType(TlsUnavailableException.class)
			.isThrownBy(() -> selector.select(TlsSelectorTests::working))
			.satisfies((ex) -> assertThat(ex.isNativeRequired()).isTrue())
			.withMessageContaining("zokio.tls.require-native=true")
			.withMessageContaining("openssl failed at load: io.netty.internal.tcnative.SSL")
			.satisfies((ex) -> assertThat(ex.getAttempts()).hasSize(1));
		assertThat(selector.report()).isNull();
	}

	@Test
	void failsWhenNoImplementationCanServeTheConfiguration() {
		TlsSelector selector = selector(TlsMode.AUTO, false, loaded());
		assertThatExceptionOfType(TlsUnavailableException.class)
			.isThrownBy(() -> selector.select((provider) -> SelfHandshakeTests.server(provider).protocols("TLSv1").build()))
			.satisfies((ex) -> assertThat(ex.isNativeRequired()).isFalse())
			.withMessageContaining("openssl failed at handshake")
			.withMessageContaining("jdk failed at handshake");
	}

	@Test
	void buildsFurtherContextsWithTheSelectedImplementation() throws Exception {
		TlsSelector selector = selector(TlsMode.AUTO, false, missing(new UnsatisfiedLinkError("no library")));
		serve(selector, TlsSelectorTests::working);
		List<TlsProvider> built = new ArrayList<>();
		this.served.add(selector.build((provider) -> {
			built.add(provider);
			return working(provider);
		}));
		assertThat(built).containsExactly(TlsProvider.JDK);
		assertThatExceptionOfType(SSLException.class)
			.isThrownBy(() -> selector.build((provider) -> SelfHandshakeTests.server(provider).protocols("TLSv1").build()));
	}

	private SslContext serve(TlsSelector selector, TlsContextFactory contexts) {
		SslContext context = selector.select(contexts);
		this.served.add(context);
		return context;
	}

	private static SslContext working(TlsProvider provider) throws Exception {
		return SelfHandshakeTests.server(provider).build();
	}

	private static TlsSelector selector(TlsMode mode, boolean requireNative, TlsLibrary library) {
		return new TlsSelector(new TlsSettings(mode, requireNative, TIMEOUT), library);
	}

	private static TlsLibrary loaded() {
		return library(null);
	}

	private static TlsLibrary missing(Throwable cause) {
		return library(cause);
	}

	private static TlsLibrary library(@Nullable Throwable openSslCause) {
		return new TlsLibrary() {

			@Override
			public @Nullable Throwable unavailabilityCause(TlsProvider provider) {
				return (provider == TlsProvider.OPENSSL) ? openSslCause : null;
			}

			@Override
			public String describe(TlsProvider provider) {
				return provider + " library";
			}

		};
	}

}
