package io.zokio.engine.transport;

import java.util.List;

/**
 * What transport selection decided and why.
 *
 * @param transport the transport that serves
 * @param requested the configured mode
 * @param requireNative whether a native transport was required
 * @param fallback whether a transport tried before the serving one failed
 * @param eventLoopThreads the number of event loop threads
 * @param attempts every attempt, in the order tried
 */
public record TransportReport(Transport transport, TransportMode requested, boolean requireNative, boolean fallback,
		int eventLoopThreads, List<TransportAttempt> attempts) {

	public TransportReport {
		attempts = List.copyOf(attempts);
	}

	/**
	 * Return the attempts that failed.
	 * @return the failed attempts, in order
	 */
	public List<TransportAttempt> failures() {
		return this.attempts.stream().filter((attempt) -> attempt.outcome() == AttemptOutcome.FAILED).toList();
	}

	/**
	 * Return whether an explicitly requested transport could not be used.
	 * @return whether the requested transport was replaced by another
	 */
	public boolean requestedTransportUnavailable() {
		return this.requested.requested() != null && this.requested.requested() != this.transport;
	}

	/**
	 * Return a one-line summary naming the transport and why earlier ones were not used.
	 * @return the summary
	 */
	public String summary() {
		StringBuilder summary = new StringBuilder("Zokio transport: ").append(this.transport)
			.append(" (mode ")
			.append(this.requested.id())
			.append(", ")
			.append(this.eventLoopThreads)
			.append(" event loop threads)");
		List<TransportAttempt> failures = failures();
		if (!failures.isEmpty()) {
			summary.append("; not used: ");
			summary.append(String.join("; ", failures.stream().map(TransportAttempt::toString).toList()));
		}
		return summary.toString();
	}

}
