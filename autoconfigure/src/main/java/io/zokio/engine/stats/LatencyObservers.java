package io.zokio.engine.stats;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The observers handed every latency of one kind, in nanoseconds, on the thread that measured it.
 * Adding and removing copy the array; handing a latency reads it without a lock.
 */
final class LatencyObservers {

	private volatile LongConsumer[] observers = new LongConsumer[0];

	synchronized void add(LongConsumer observer) {
		LongConsumer[] grown = Arrays.copyOf(this.observers, this.observers.length + 1);
		grown[grown.length - 1] = observer;
		this.observers = grown;
	}

	synchronized void remove(LongConsumer observer) {
		this.observers = Arrays.stream(this.observers)
			.filter((candidate) -> candidate != observer)
			.toArray(LongConsumer[]::new);
	}

	void accept(long nanos) {
		for (LongConsumer observer : this.observers) {
			observer.accept(nanos);
		}
	}

}
