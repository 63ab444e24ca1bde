package io.zokio.engine.pipeline;

import java.util.ArrayDeque;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * What a connection's client pipelined behind an {@code OPTIONS *}: it waits until the responses
 * ahead of that request are written and the server answered it.
 */
final class WaitingRequests {

	private final ArrayDeque<Object> messages = new ArrayDeque<>();

	private int ahead;

	/**
	 * Start holding back what follows an {@code OPTIONS *}.
	 * @param ahead how many responses must be written before its answer
	 */
	WaitingRequests(int ahead) {
		this.ahead = ahead;
	}

	void add(Object msg) {
		this.messages.add(msg);
	}

	/**
	 * A response ahead of the {@code OPTIONS *} was written.
	 * @return whether its turn has come
	 */
	boolean answered() {
		return --this.ahead == 0;
	}

	/**
	 * Return how many request heads wait.
	 * @return the requests
	 */
	int requests() {
		int requests = 0;
		for (Object msg : this.messages) {
			if (msg instanceof HttpRequest) {
				requests++;
			}
		}
		return requests;
	}

	boolean isEmpty() {
		return this.messages.isEmpty();
	}

	@Nullable Object poll() {
		return this.messages.poll();
	}

	void release() {
		Object msg;
		while ((msg = this.messages.poll()) != null) {
			ReferenceCountUtil.release(msg);
		}
	}

}
