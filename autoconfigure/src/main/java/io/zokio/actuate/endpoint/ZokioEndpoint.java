package io.zokio.actuate.endpoint;

import java.util.List;

import io.zokio.engine.transport.TransportAttempt;
import io.zokio.engine.transport.TransportReport;
import io.zokio.engine.transport.TransportSelector;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} exposing what the Zokio engine runs on and how it got there.
 */
@Endpoint(id = "zokio", defaultAccess = Access.READ_ONLY)
public final class ZokioEndpoint {

	private final TransportSelector transportSelector;

	/**
	 * Create an endpoint reporting on the given engine parts.
	 * @param transportSelector the selector of the server's transport
	 */
	public ZokioEndpoint(TransportSelector transportSelector) {
		this.transportSelector = transportSelector;
	}

	/**
	 * Return every section of the report.
	 * @return the report
	 */
	@ReadOperation
	public ZokioDescriptor zokio() {
		return new ZokioDescriptor(transport());
	}

	/**
	 * Return one section of the report.
	 * @param section the section's name
	 * @return the section, or {@code null} (404) if there is no such section
	 */
	@ReadOperation
	public @Nullable OperationResponseBody section(@Selector String section) {
		return switch (section) {
			case "transport" -> transport();
			default -> null;
		};
	}

	private @Nullable TransportDescriptor transport() {
		TransportReport report = this.transportSelector.report();
		return (report != null) ? TransportDescriptor.of(report) : null;
	}

	/**
	 * The whole report.
	 *
	 * @param transport the transport section
	 */
	public record ZokioDescriptor(@Nullable TransportDescriptor transport) implements OperationResponseBody {

	}

	/**
	 * The transport section.
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
			return new TransportDescriptor(report.transport().id(), report.requested().id(), report.requireNative(),
					report.fallback(), report.eventLoopThreads(),
					report.attempts().stream().map(AttemptDescriptor::of).toList());
		}

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
	public record AttemptDescriptor(String transport, String stage, String outcome, @Nullable String cause,
			long micros) {

		static AttemptDescriptor of(TransportAttempt attempt) {
			return new AttemptDescriptor(attempt.transport().id(), attempt.stage().toString(),
					attempt.outcome().toString(), attempt.cause(), attempt.micros());
		}

	}

}
