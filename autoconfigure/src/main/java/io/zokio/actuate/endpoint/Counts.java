package io.zokio.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the counters of a snapshot, kept per constant of an enum, into a report's map keyed by each
 * constant's name in reports, in the enum's order.
 */
final class Counts {

	private Counts() {
	}

	static <E extends Enum<E>> Map<String, Long> byId(E[] constants, Map<E, Long> counts, Function<E, String> id) {
		Map<String, Long> byId = new LinkedHashMap<>();
		for (E constant : constants) {
			byId.put(id.apply(constant), counts.get(constant));
		}
		return byId;
	}

}
