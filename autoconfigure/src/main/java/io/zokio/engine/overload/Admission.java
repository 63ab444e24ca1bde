package io.zokio.engine.overload;

import java.util.ArrayDeque;

import com.netflix.concurrency.limits.Limiter;
import io.netty.handler.codec.http.HttpRequest;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.ResponseKind;
import org.jspecify.annotations.Nullable;

/**
 * The slots of the requests of one HTTP/1.1 connection, oldest first, or of one HTTP/2 stream. A
 * request takes its slot when its head is decoded and gives it back when its response's head is
 * written (a latency sample for the limit), so that a stream, a long download or an upgrade holds
 * no slot while it lasts; a request refused for another reason or cut by a close gives its slot
 * back without a sample.
 */
final class Admission implements ExchangeListener {

	private final ConcurrencyLimit limit;

	private Limiter.@Nullable Listener oldest;

	private @Nullable ArrayDeque<Limiter.Listener> newer;

	Admission(ConcurrencyLimit limit) {
		this.limit = limit;
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		Limiter.Listener slot = this.limit.admit(request);
		add((slot != null) ? slot : ConcurrencyLimit.NO_SLOT);
		return (slot != null) ? null : Refusal.CONCURRENCY_LIMIT;
	}

	@Override
	public boolean responseStarted(int status, ResponseKind kind) {
		Limiter.Listener slot = this.oldest;
		if (slot != null) {
			ArrayDeque<Limiter.Listener> newer = this.newer;
			this.oldest = (newer != null) ? newer.poll() : null;
			slot.onSuccess();
		}
		return false;
	}

	@Override
	public void refused(Refusal refusal) {
		if (refusal == Refusal.CONCURRENCY_LIMIT) {
			this.limit.shedOne();
			return;
		}
		ArrayDeque<Limiter.Listener> newer = this.newer;
		if (newer != null && !newer.isEmpty()) {
			newer.pollLast().onIgnore();
			newer.add(ConcurrencyLimit.NO_SLOT);
		}
		else if (this.oldest != null) {
			this.oldest.onIgnore();
			this.oldest = ConcurrencyLimit.NO_SLOT;
		}
	}

	@Override
	public void closed() {
		release();
	}

	/**
	 * Give back every slot held, without a latency sample.
	 */
	void release() {
		Limiter.Listener slot = this.oldest;
		this.oldest = null;
		if (slot != null) {
			slot.onIgnore();
		}
		ArrayDeque<Limiter.Listener> newer = this.newer;
		if (newer != null) {
			while ((slot = newer.poll()) != null) {
				slot.onIgnore();
			}
		}
	}

	private void add(Limiter.Listener slot) {
		if (this.oldest == null) {
			this.oldest = slot;
			return;
		}
		ArrayDeque<Limiter.Listener> newer = this.newer;
		if (newer == null) {
			newer = new ArrayDeque<>(4);
			this.newer = newer;
		}
		newer.add(slot);
	}

}
