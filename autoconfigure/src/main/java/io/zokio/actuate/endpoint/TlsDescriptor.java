package io.zokio.actuate.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.zokio.actuate.endpoint.RequestsDescriptor.Percentiles;
import io.zokio.engine.pipeline.AlpnProtocol;
import io.zokio.engine.pipeline.TlsFailure;
import io.zokio.engine.pipeline.TlsVersion;
import io.zokio.engine.selection.Attempt;
import io.zokio.engine.stats.TlsSnapshot;
import io.zokio.engine.tls.TlsProvider;
import io.zokio.engine.tls.TlsReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code tls} section of the {@link ZokioEndpoint}: which TLS implementation serves, why the
 * others did not, and the handshakes of the server's connections.
 *
 * @param provider the implementation that serves: {@code openssl} or {@code jdk}
 * @param library the library behind it
 * @param requested the configured mode
 * @param requireNative whether native TLS is required
 * @param fallback whether an implementation tried before the serving one failed
 * @param selfHandshake what the self-handshake at startup negotiated
 * @param handshakeTimeout the handshake deadline of every connection
 * @param attempts every attempt, in the order tried
 * @param handshakes the handshakes of the server's connections, or {@code null} when statistics
 * are disabled
 */
public record TlsDescriptor(String provider, String library, String requested, boolean requireNative,
		boolean fallback, SelfHandshakeDescriptor selfHandshake, Duration handshakeTimeout,
		List<AttemptDescriptor> attempts, @Nullable HandshakesDescriptor handshakes) implements OperationResponseBody {

	static TlsDescriptor of(TlsReport report, @Nullable TlsSnapshot snapshot) {
		return new TlsDescriptor(report.provider().id(), report.library(), report.mode().id(),
				report.requireNative(), report.fallback(),
				new SelfHandshakeDescriptor(report.protocol(), report.applicationProtocol()), report.handshakeTimeout(),
				report.attempts().stream().map(AttemptDescriptor::of).toList(),
				(snapshot != null) ? HandshakesDescriptor.of(snapshot) : null);
	}

	/**
	 * What the self-handshake at startup negotiated.
	 *
	 * @param protocol the TLS version
	 * @param applicationProtocol the protocol ALPN chose, or {@code none}
	 */
	public record SelfHandshakeDescriptor(String protocol, String applicationProtocol) {

	}

	/**
	 * One attempt of a TLS implementation.
	 *
	 * @param provider the implementation tried
	 * @param stage the last stage reached: {@code load}, {@code init} or {@code handshake}
	 * @param outcome {@code failed} or {@code selected}
	 * @param cause why it failed, or {@code null}
	 * @param micros how long the attempt took, in microseconds
	 */
	public record AttemptDescriptor(String provider, String stage, String outcome,
			@JsonInclude(Include.ALWAYS) @Nullable String cause, long micros) {

		static AttemptDescriptor of(Attempt<TlsProvider> attempt) {
			return new AttemptDescriptor(attempt.candidate().id(), attempt.stage().toString(),
					attempt.outcome().toString(), attempt.cause(), attempt.micros());
		}

	}

	/**
	 * The handshakes of the server's connections since start.
	 *
	 * @param completed handshakes completed
	 * @param failed handshakes that failed, each connection closed as {@code tls}
	 * @param failedBy failed handshakes per class of causes
	 * @param versions completed handshakes per negotiated version
	 * @param alpn completed handshakes per protocol ALPN chose
	 * @param resumed completed handshakes that resumed an earlier session
	 * @param resumedRatio the share of completed handshakes that resumed, from 0 to 1
	 * @param latency the time of completed handshakes from accept, in milliseconds, over the
	 * statistics' latency window
	 */
	public record HandshakesDescriptor(long completed, long failed, Map<String, Long> failedBy,
			Map<String, Long> versions, Map<String, Long> alpn, long resumed, double resumedRatio,
			Percentiles latency) {

		static HandshakesDescriptor of(TlsSnapshot snapshot) {
			double resumedRatio = (snapshot.handshakes() > 0) ? snapshot.resumed() / (double) snapshot.handshakes() : 0;
			return new HandshakesDescriptor(snapshot.handshakes(), snapshot.failed(),
					Counts.byId(TlsFailure.values(), snapshot.failures(), TlsFailure::id),
					Counts.byId(TlsVersion.values(), snapshot.versions(), TlsVersion::id),
					Counts.byId(AlpnProtocol.values(), snapshot.alpn(), AlpnProtocol::id), snapshot.resumed(),
					resumedRatio, Percentiles.of(snapshot.latency()));
		}

	}

}
