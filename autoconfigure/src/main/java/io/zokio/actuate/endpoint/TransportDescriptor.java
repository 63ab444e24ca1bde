package io.zokio.actuate.endpoint;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.zokio.engine.selection.Attempt;
import io.zokio.engine.transport.Transport;
import io.zokio.engine.transport.TransportReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code transport} section of the {@link ZokioEndpoint}.
 *
 * @param name the transport that serves
 * @param requested the configured mode
 * @param requireNative whether a native transport is required
 * @param fallback whether a transport tried before the serving one failed
 * @param eventLoopThreads the number of event loop threads
 * @param attempts every attempt, in the order tried
 */
public record TransportDescriptor(String name, String requested, boolean requireNative, boolean fallback,
		int eventLoopThreads, List<AttemptDescriptor> attempts) implements OperationResponseBody {

	static TransportDescriptor of(TransportReport report) {
		return new TransportDescriptor(report.transport().id(), report.mode().id(), report.requireNative(),
				report.fallback(), report.eventLoopThreads(),
				report.attempts().stream().map(AttemptDescriptor::of).toList());
	}

	/**
	 * One transport attempt.
	 *
	 * @param transport the transport tried
	 * @param stage the last stage reached
	 * @param outcome {@code failed} or {@code selected}
	 * @param cause why it failed, or {@code null}
	 * @param micros how long the attempt took, in microseconds
	 */
	public record AttemptDescriptor(String transport, String stage, String outcome, @JsonInclude(Include.ALWAYS) @Nullable String cause,
			long micros) {

		static AttemptDescriptor of(Attempt<Transport> attempt) {
			return new AttemptDescriptor(attempt.candidate().id(), attempt.stage().toString(),
					attempt.outcome().toString(), attempt.cause(), attempt.micros());
		}

	}

}
