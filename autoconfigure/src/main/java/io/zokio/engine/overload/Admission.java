package io.zokio.engine.overload;

import io.netty.handler.codec.http.HttpRequest;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.ResponseKind;
import org.jspecify.annotations.Nullable;

/**
 * The slots of the requests of one HTTP/1.1 connection, oldest first, or of one HTTP/2 stream. A
 * request takes its slot when its head is decoded and gives it back when its response's head is
 * written (a latency sample for the limit), so that a stream, a long download or an upgrade holds
 * no slot while it lasts. Any other refusal ends the connection (or the stream) with its answer, so
 * it gives back every slot held without a sample, as a close does. The oldest slot is a field;
 * pipelined requests behind it wait in a ring that grows with the pipeline's depth and is reused.
 */
final class Admission implements ExchangeListener {

	private final ConcurrencyLimit limit;

	private int held;

	private long oldest;

	private long @Nullable [] newer;

	private int newerHead;

	Admission(ConcurrencyLimit limit) {
		this.limit = limit;
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		long slot = this.limit.admit(request);
		boolean shed = slot == ConcurrencyLimit.SHED;
		add(shed ? ConcurrencyLimit.NO_SLOT : slot);
		return shed ? Refusal.CONCURRENCY_LIMIT : null;
	}

	@Override
	public boolean responseStarted(int status, ResponseKind kind) {
		if (this.held > 0) {
			this.limit.release(pollOldest(), true);
		}
		return false;
	}

	@Override
	public void refused(Refusal refusal) {
		if (refusal == Refusal.CONCURRENCY_LIMIT) {
			this.limit.shedOne();
			return;
		}
		release();
	}

	@Override
	public void closed() {
		release();
	}

	/**
	 * Give back every slot held, without a latency sample.
	 */
	void release() {
		while (this.held > 0) {
			this.limit.release(pollOldest(), false);
		}
	}

	private void add(long slot) {
		if (this.held++ == 0) {
			this.oldest = slot;
			return;
		}
		int waiting = this.held - 2;
		long[] newer = this.newer;
		if (newer == null || waiting == newer.length) {
			newer = grow(newer, waiting);
		}
		newer[(this.newerHead + waiting) % newer.length] = slot;
	}

	private long[] grow(long @Nullable [] newer, int waiting) {
		long[] grown = new long[(newer != null) ? newer.length * 2 : 4];
		for (int i = 0; i < waiting && newer != null; i++) {
			grown[i] = newer[(this.newerHead + i) % newer.length];
		}
		this.newer = grown;
		this.newerHead = 0;
		return grown;
	}

	private long pollOldest() {
		long slot = this.oldest;
		this.oldest = (this.held > 1) ? pollNewer() : ConcurrencyLimit.NO_SLOT;
		this.held--;
		return slot;
	}

	private long pollNewer() {
		long[] newer = this.newer;
		if (newer == null) {
			return ConcurrencyLimit.NO_SLOT;
		}
		long slot = newer[this.newerHead];
		this.newerHead = (this.newerHead + 1) % newer.length;
		return slot;
	}

}
