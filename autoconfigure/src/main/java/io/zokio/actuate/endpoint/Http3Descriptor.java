package io.zokio.actuate.endpoint;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.zokio.engine.http3.Http3Report;
import io.zokio.engine.http3.Http3Settings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code http3} section of the {@link ZokioEndpoint}: whether HTTP/3 serves, on which port
 * and channel, with which settings, and when it does not, which stage failed and why.
 *
 * @param state {@code starting}, {@code serving}, {@code unavailable}, {@code stopping} or {@code stopped}
 * @param port the UDP port
 * @param stage the stage that failed: {@code load}, {@code init} or {@code bind}, or {@code null}
 * @param cause why it failed, or {@code null}
 * @param transport the transport of the QUIC server's event loop, or {@code null}
 * @param altSvc the {@code Alt-Svc} field HTTP/1.1 and HTTP/2 responses carry, or {@code null}
 * @param idleTimeout how long a QUIC connection may stay without traffic
 * @param maxData the bytes a client may have in flight on one connection
 * @param maxStreamData the bytes a client may have in flight on one stream
 * @param maxStreams the request streams a client may have open at once on one connection
 * @param maxFieldSectionSize the largest header section a request may carry, in bytes
 */
public record Http3Descriptor(String state, int port, @JsonInclude(Include.ALWAYS) @Nullable String stage,
		@JsonInclude(Include.ALWAYS) @Nullable String cause, @Nullable String transport, @Nullable String altSvc,
		Duration idleTimeout, long maxData, long maxStreamData, long maxStreams, long maxFieldSectionSize)
		implements OperationResponseBody {

	static Http3Descriptor of(Http3Report report) {
		Http3Settings settings = report.settings();
		return new Http3Descriptor(report.state().toString(), report.port(),
				(report.stage() != null) ? report.stage().toString() : null, report.cause(), report.transport(),
				report.altSvc(), settings.idleTimeout(), settings.maxData(), settings.maxStreamData(),
				settings.maxStreams(), settings.maxFieldSectionSize());
	}

}
