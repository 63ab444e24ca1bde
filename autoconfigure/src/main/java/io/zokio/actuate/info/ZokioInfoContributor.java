package io.zokio.actuate.info;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zokio.engine.ZokioEngine;
import io.zokio.engine.tls.TlsReport;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.transport.TransportReport;
import io.zokio.engine.transport.TransportSelector;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds a {@code zokio} entry to the info endpoint: the transport, the TLS implementation on a server
 * with TLS, and the buffer pool.
 */
public final class ZokioInfoContributor implements InfoContributor {

	private final ZokioEngine engine;

	/**
	 * Create a contributor reporting on the given engine.
	 * @param engine the engine's parts
	 */
	public ZokioInfoContributor(ZokioEngine engine) {
		this.engine = engine;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> zokio = new LinkedHashMap<>();
		TransportReport report = this.engine.transport().map(TransportSelector::report).orElse(null);
		if (report != null) {
			Map<String, Object> transport = new LinkedHashMap<>();
			transport.put("name", report.transport().id());
			transport.put("requested", report.mode().id());
			transport.put("fallback", report.fallback());
			transport.put("eventLoopThreads", report.eventLoopThreads());
			zokio.put("transport", transport);
		}
		TlsReport tls = this.engine.tls().map(TlsSelector::report).orElse(null);
		if (tls != null) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("provider", tls.provider().id());
			details.put("library", tls.library());
			details.put("requested", tls.mode().id());
			details.put("fallback", tls.fallback());
			zokio.put("tls", details);
		}
		this.engine.bufferPool().ifPresent((bufferPool) -> {
			Map<String, Object> pool = new LinkedHashMap<>();
			pool.put("direct", bufferPool.isDirect());
			pool.put("preallocatedBytes", bufferPool.preallocatedBytes());
			pool.put("chunkSize", bufferPool.chunkSize());
			pool.put("fallback", bufferPool.isFallback());
			zokio.put("bufferPool", pool);
		});
		builder.withDetail("zokio", zokio);
	}

}
