package io.zokio.engine.tls;

import java.time.Duration;
import java.util.List;

import io.zokio.engine.selection.Attempt;
import io.zokio.engine.selection.SelectionReport;
import org.jspecify.annotations.Nullable;

/**
 * What TLS implementation selection decided and why.
 *
 * @param provider the implementation that serves
 * @param library the library behind it, such as {@code BoringSSL} or {@code SunJSSE 17.0.15}
 * @param mode the configured mode
 * @param requireNative whether native TLS was required
 * @param fallback whether an implementation tried before the serving one failed
 * @param protocol the protocol the self-handshake negotiated, such as {@code TLSv1.3}
 * @param applicationProtocol the protocol ALPN chose in the self-handshake, or {@code none}
 * @param handshakeTimeout the handshake deadline of every connection
 * @param attempts every attempt, in the order tried
 */
public record TlsReport(TlsProvider provider, String library, TlsMode mode, boolean requireNative,
		boolean fallback, String protocol, String applicationProtocol, Duration handshakeTimeout,
		List<Attempt<TlsProvider>> attempts) implements SelectionReport<TlsProvider> {

	public TlsReport {
		attempts = List.copyOf(attempts);
	}

	@Override
	public TlsProvider selected() {
		return this.provider;
	}

	@Override
	public @Nullable TlsProvider requested() {
		return this.mode.requested();
	}

	@Override
	public String summary() {
		return "Zokio TLS: " + this.provider + " (" + this.library + ", mode " + this.mode.id() + ", self-handshake "
				+ this.protocol + " ALPN " + this.applicationProtocol + ", handshake timeout "
				+ this.handshakeTimeout.toMillis() + " ms)" + notUsed();
	}

}
