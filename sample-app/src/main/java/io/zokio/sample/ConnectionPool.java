package io.zokio.sample;

import java.util.ArrayDeque;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A pool of a few permits that requests wait for in turn, as for the connections of a database
 * pool: while every permit is taken, a request's time grows with the number waiting ahead of it.
 * Waiting takes no thread.
 */
final class ConnectionPool {

	private final ArrayDeque<MonoSink<ConnectionPool>> waiting = new ArrayDeque<>();

	private int free;

	ConnectionPool(int size) {
		this.free = size;
	}

	/**
	 * Return a permit once one is free; cancelling the wait leaves the queue.
	 * @return this pool, to be given back with {@link #release()}
	 */
	Mono<ConnectionPool> acquire() {
		return Mono.create((sink) -> {
			boolean granted;
			synchronized (this) {
				granted = this.free > 0;
				if (granted) {
					this.free--;
				}
				else {
					this.waiting.add(sink);
				}
			}
			if (granted) {
				sink.success(this);
			}
			else {
				sink.onCancel(() -> leave(sink));
			}
		});
	}

	private void leave(MonoSink<ConnectionPool> sink) {
		synchronized (this) {
			this.waiting.remove(sink);
		}
	}

	/**
	 * Give a permit back, to the longest waiting request if there is one.
	 */
	void release() {
		MonoSink<ConnectionPool> next;
		synchronized (this) {
			next = this.waiting.poll();
			if (next == null) {
				this.free++;
			}
		}
		if (next != null) {
			next.success(this);
		}
	}

}
