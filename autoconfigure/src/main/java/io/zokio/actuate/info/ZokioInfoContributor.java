package io.zokio.actuate.info;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.transport.TransportReport;
import io.zokio.engine.transport.TransportSelector;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds a {@code zokio} entry to the info endpoint: the transport and the buffer pool.
 */
public final class ZokioInfoContributor implements InfoContributor {

	private final @Nullable TransportSelector transportSelector;

	private final @Nullable BufferPool bufferPool;

	/**
	 * Create a contributor reporting on the given engine parts.
	 * @param transportSelector the transport selector, or {@code null} when the transport is not
	 * managed by Zokio
	 * @param bufferPool the buffer pool, or {@code null} when Zokio does not manage it
	 */
	public ZokioInfoContributor(@Nullable TransportSelector transportSelector, @Nullable BufferPool bufferPool) {
		this.transportSelector = transportSelector;
		this.bufferPool = bufferPool;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> zokio = new LinkedHashMap<>();
		TransportReport report = (this.transportSelector != null) ? this.transportSelector.report() : null;
		if (report != null) {
			Map<String, Object> transport = new LinkedHashMap<>();
			transport.put("name", report.transport().id());
			transport.put("requested", report.requested().id());
			transport.put("fallback", report.fallback());
			transport.put("eventLoopThreads", report.eventLoopThreads());
			zokio.put("transport", transport);
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
