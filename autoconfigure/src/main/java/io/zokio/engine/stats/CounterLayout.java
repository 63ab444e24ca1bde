package io.zokio.engine.stats;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.pipeline.AlpnProtocol;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.TlsFailure;
import io.zokio.engine.pipeline.TlsVersion;

/**
 * Where each counter of {@link ConnectionStatistics} sits in its {@link Counters} table: one slot
 * per constant of each counted enum, the enums laid out one after another in a fixed order.
 */
final class CounterLayout {

	private static final List<Class<? extends Enum<?>>> FAMILIES = List.of(Count.class, ConnectionState.class,
			StatusClass.class, CloseReason.class, Refusal.class, Http2Error.class, TlsFailure.class, TlsVersion.class,
			AlpnProtocol.class);

	private static final Map<Class<?>, Integer> BASES = new IdentityHashMap<>();

	static final int SIZE;

	static {
		int base = 0;
		for (Class<? extends Enum<?>> family : FAMILIES) {
			BASES.put(family, base);
			base += family.getEnumConstants().length;
		}
		SIZE = base;
	}

	private CounterLayout() {
	}

	/**
	 * Return the slot of a family's first constant.
	 * @param family the enum
	 * @return the slot
	 */
	static int base(Class<?> family) {
		Integer base = BASES.get(family);
		if (base == null) {
			throw new IllegalArgumentException(family.getName() + " is not counted");
		}
		return base;
	}

	/**
	 * Return the slot of a counter.
	 * @param counter a constant of a counted enum
	 * @return the slot
	 */
	static int slot(Enum<?> counter) {
		return base(counter.getDeclaringClass()) + counter.ordinal();
	}

}
