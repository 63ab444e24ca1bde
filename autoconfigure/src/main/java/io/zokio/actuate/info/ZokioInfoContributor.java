package io.zokio.actuate.info;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zokio.engine.transport.TransportReport;
import io.zokio.engine.transport.TransportSelector;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds a {@code zokio} entry to the info endpoint: the transport and how it was chosen.
 */
public final class ZokioInfoContributor implements InfoContributor {

	private final TransportSelector transportSelector;

	/**
	 * Create a contributor reporting the given selector's choice.
	 * @param transportSelector the transport selector
	 */
	public ZokioInfoContributor(TransportSelector transportSelector) {
		this.transportSelector = transportSelector;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> transport = new LinkedHashMap<>();
		TransportReport report = this.transportSelector.report();
		if (report != null) {
			transport.put("name", report.transport().id());
			transport.put("requested", report.requested().id());
			transport.put("fallback", report.fallback());
			transport.put("eventLoopThreads", report.eventLoopThreads());
		}
		builder.withDetail("zokio", Map.of("transport", transport));
	}

}
