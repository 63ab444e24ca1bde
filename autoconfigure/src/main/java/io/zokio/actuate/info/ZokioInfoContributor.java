package io.zokio.actuate.info;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.tls.TlsReport;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.transport.TransportReport;
import io.zokio.engine.transport.TransportSelector;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds a {@code zokio} entry to the info endpoint: the transport, the TLS implementation on a server
 * with TLS, and the buffer pool.
 */
public final class ZokioInfoContributor implements InfoContributor {

	private final @Nullable TransportSelector transportSelector;

	private final @Nullable BufferPool bufferPool;

	private final @Nullable TlsSelector tlsSelector;

	/**
	 * Create a contributor reporting on the given engine parts.
	 * @param transportSelector the transport selector, or {@code null} when the transport is not
	 * managed by Zokio
	 * @param bufferPool the buffer pool, or {@code null} when Zokio does not manage it
	 * @param tlsSelector the TLS selector, or {@code null} when Zokio does not select the TLS
	 * implementation
	 */
	public ZokioInfoContributor(@Nullable TransportSelector transportSelector, @Nullable BufferPool bufferPool,
			@Nullable TlsSelector tlsSelector) {
		this.transportSelector = transportSelector;
		this.bufferPool = bufferPool;
		this.tlsSelector = tlsSelector;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> zokio = new LinkedHashMap<>();
		TransportReport report = (this.transportSelector != null) ? this.transportSelector.report() : null;
		if (report != null) {
			Map<String, Object> transport = new LinkedHashMap<>();
			transport.put("name", report.transport().id());
			transport.put("requested", report.mode().id());
			transport.put("fallback", report.fallback());
			transport.put("eventLoopThreads", report.eventLoopThreads());
			zokio.put("transport", transport);
		}
		TlsReport tls = (this.tlsSelector != null) ? this.tlsSelector.report() : null;
		if (tls != null) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("provider", tls.provider().id());
			details.put("library", tls.library());
			details.put("requested", tls.mode().id());
			details.put("fallback", tls.fallback());
			zokio.put("tls", details);
		}
		if (this.bufferPool != null) {
			Map<String, Object> pool = new LinkedHashMap<>();
			pool.put("direct", this.bufferPool.isDirect());
			pool.put("preallocatedBytes", this.bufferPool.preallocatedBytes());
			pool.put("chunkSize", this.bufferPool.chunkSize());
			pool.put("fallback", this.bufferPool.isFallback());
			zokio.put("bufferPool", pool);
		}
		builder.withDetail("zokio", zokio);
	}

}
