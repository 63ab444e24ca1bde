package io.zokio.metrics;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters a binding adds to a registry, Micrometer's own binders' included, so that the binder
 * that ran it can remove exactly those.
 */
final class RegisteredMeters {

	private RegisteredMeters() {
	}

	/**
	 * Run a binding and return the meters it added.
	 * @param registry the registry bound to
	 * @param binding what registers the meters
	 * @return the meters that were not in the registry before
	 */
	static List<Meter> during(MeterRegistry registry, Runnable binding) {
		Set<Meter.Id> before = registry.getMeters().stream().map(Meter::getId).collect(Collectors.toSet());
		binding.run();
		return registry.getMeters().stream().filter((meter) -> !before.contains(meter.getId())).toList();
	}

}
