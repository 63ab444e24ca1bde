package io.zokio.engine.transport;

import java.util.List;

import io.zokio.engine.selection.Attempt;
import io.zokio.engine.selection.SelectionReport;
import org.jspecify.annotations.Nullable;

/**
 * What transport selection decided and why.
 *
 * @param transport the transport that serves
 * @param mode the configured mode
 * @param requireNative whether a native transport was required
 * @param fallback whether a transport tried before the serving one failed
 * @param eventLoopThreads the number of event loop threads
 * @param attempts every attempt, in the order tried
 */
public record TransportReport(Transport transport, TransportMode mode, boolean requireNative, boolean fallback,
		int eventLoopThreads, List<Attempt<Transport>> attempts) implements SelectionReport<Transport> {

	public TransportReport {
		attempts = List.copyOf(attempts);
	}

	@Override
	public Transport selected() {
		return this.transport;
	}

	@Override
	public @Nullable Transport requested() {
		return this.mode.requested();
	}

	@Override
	public String summary() {
		return "Zokio transport: " + this.transport + " (mode " + this.mode.id() + ", " + this.eventLoopThreads
				+ " event loop threads)" + notUsed();
	}

}
