package io.zokio.engine.pipeline;

import java.util.ArrayDeque;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * A request the server answers itself ({@code OPTIONS *}, or a refusal that keeps the connection)
 * and what the client pipelined behind it: they wait until the responses ahead of that request are
 * written and the server wrote its answer.
 */
final class WaitingRequests {

	private final ArrayDeque<Object> messages = new ArrayDeque<>();

	private final FullHttpResponse answer;

	private int ahead;

	/**
	 * Start holding back an answer and what follows its request.
	 * @param ahead how many responses must be written before the answer
	 * @param answer the answer
	 */
	WaitingRequests(int ahead, FullHttpResponse answer) {
		this.ahead = ahead;
		this.answer = answer;
	}

	FullHttpResponse answer() {
		return this.answer;
	}

	void add(Object msg) {
		this.messages.add(msg);
	}

	/**
	 * A response ahead of the answer was written.
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

	/**
	 * Release the answer and every message held, when the connection closes before their turn.
	 */
	void release() {
		ReferenceCountUtil.release(this.answer);
		Object msg;
		while ((msg = this.messages.poll()) != null) {
			ReferenceCountUtil.release(msg);
		}
	}

}
