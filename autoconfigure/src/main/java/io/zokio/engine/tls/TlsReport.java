package io.zokio.engine.tls;

import java.time.Duration;
import java.util.List;

import io.zokio.engine.transport.AttemptOutcome;

/**
 * What TLS selection decided and why.
 *
 * @param provider the implementation that serves
 * @param library the library behind it, such as {@code BoringSSL} or {@code SunJSSE 17.0.15}
 * @param requested the configured mode
 * @param requireNative whether native TLS was required
 * @param fallback whether an implementation tried before the serving one failed
 * @param protocol the protocol the self-handshake negotiated, such as {@code TLSv1.3}
 * @param applicationProtocol the protocol ALPN chose in the self-handshake, or {@code none}
 * @param handshakeTimeout the handshake deadline of every connection
 * @param attempts every attempt, in the order tried
 */
public record TlsReport(TlsProvider provider, String library, TlsMode requested, boolean requireNative,
		boolean fallback, String protocol, String applicationProtocol, Duration handshakeTimeout,
		List<TlsAttempt> attempts) {

	public TlsReport {
		attempts = List.copyOf(attempts);
	}

	/**
	 * Return the attempts that failed.
	 * @return the failed attempts, in order
	 */
	public List<TlsAttempt> failures() {
		return this.attempts.stream().filter((attempt) -> attempt.outcome() == AttemptOutcome.FAILED).toList();
	}

	/**
	 * Return whether an explicitly requested implementation could not be used.
	 * @return whether the requested implementation was replaced by another
	 */
	public boolean requestedProviderUnavailable() {
		return this.requested.requested() != null && this.requested.requested() != this.provider;
	}

	/**
	 * Return a one-line summary naming the implementation and why earlier ones were not used.
	 * @return the summary
	 */
	public String summary() {
		StringBuilder summary = new StringBuilder("Zokio TLS: ").append(this.provider)
			.append(" (")
			.append(this.library)
			.append(", mode ")
			.append(this.requested.id())
			.append(", self-handshake ")
			.append(this.protocol)
			.append(" ALPN ")
			.append(this.applicationProtocol)
			.append(", handshake timeout ")
			.append(this.handshakeTimeout.toMillis())
			.append(" ms)");
		List<TlsAttempt> failures = failures();
		if (!failures.isEmpty()) {
			summary.append("; not used: ");
			summary.append(String.join("; ", failures.stream().map(TlsAttempt::toString).toList()));
		}
		return summary.toString();
	}

}
