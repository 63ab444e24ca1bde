package io.zokio.autoconfigure;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.zokio.engine.warmup.WarmupPeers;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Marks the HTTP server observations of warm-up requests with {@value #KEY}{@code =true} as they
 * start, ahead of every other handler, so that the meters they would make are denied
 * ({@link #isWarmup(Meter.Id)}) while the request still runs all of the
 * observation's code, which the warm-up is there to compile.
 */
final class WarmupObservationHandler implements ObservationHandler<ServerRequestObservationContext> {

	static final String KEY = "zokio.warmup";

	private static final KeyValue WARMUP = KeyValue.of(KEY, "true");

	private final WarmupPeers peers;

	WarmupObservationHandler(WarmupPeers peers) {
		this.peers = peers;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		if (context instanceof ServerRequestObservationContext observed) {
			ServerHttpRequest request = observed.getCarrier();
			return request != null && this.peers.isWarmup(request.getRemoteAddress());
		}
		return false;
	}

	@Override
	public void onStart(ServerRequestObservationContext context) {
		context.addLowCardinalityKeyValue(WARMUP);
	}

	static boolean isWarmup(Meter.Id id) {
		return "true".equals(id.getTag(KEY));
	}

}
