package io.zokio.engine.pipeline;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import org.jspecify.annotations.Nullable;

/**
 * The exchange listeners of one connection or stream, one from each connection listener of a
 * {@link CompositeConnectionListener}, called in order; the first refusal wins, all see every
 * callback, and any may ask for the connection to close. A listener that is
 * {@link ExchangeListener#NONE} is left out, and a single one is returned as it is.
 */
final class CompositeExchangeListener implements ExchangeListener {

	private final ExchangeListener first;

	private final ExchangeListener second;

	private final ExchangeListener third;

	private final ExchangeListener fourth;

	private CompositeExchangeListener(ExchangeListener first, ExchangeListener second, ExchangeListener third,
			ExchangeListener fourth) {
		this.first = first;
		this.second = second;
		this.third = third;
		this.fourth = fourth;
	}

	static ExchangeListener of(ExchangeListener... listeners) {
		ExchangeListener[] present = new ExchangeListener[4];
		int count = 0;
		for (ExchangeListener listener : listeners) {
			if (listener != NONE) {
				present[count++] = listener;
			}
		}
		if (count <= 1) {
			return (count == 0) ? NONE : present[0];
		}
		for (int i = count; i < present.length; i++) {
			present[i] = NONE;
		}
		return new CompositeExchangeListener(present[0], present[1], present[2], present[3]);
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		Refusal first = this.first.requestReceived(request, complete);
		Refusal second = this.second.requestReceived(request, complete);
		Refusal third = this.third.requestReceived(request, complete);
		Refusal fourth = this.fourth.requestReceived(request, complete);
		return (first != null) ? first : (second != null) ? second : (third != null) ? third : fourth;
	}

	@Override
	public @Nullable Refusal requestContent(HttpContent content, boolean last) {
		Refusal first = this.first.requestContent(content, last);
		Refusal second = this.second.requestContent(content, last);
		Refusal third = this.third.requestContent(content, last);
		Refusal fourth = this.fourth.requestContent(content, last);
		return (first != null) ? first : (second != null) ? second : (third != null) ? third : fourth;
	}

	@Override
	public void informationalResponse(int status) {
		this.first.informationalResponse(status);
		this.second.informationalResponse(status);
		this.third.informationalResponse(status);
		this.fourth.informationalResponse(status);
	}

	@Override
	public boolean responseStarted(int status, ResponseKind kind) {
		boolean first = this.first.responseStarted(status, kind);
		boolean second = this.second.responseStarted(status, kind);
		boolean third = this.third.responseStarted(status, kind);
		return this.fourth.responseStarted(status, kind) || first || second || third;
	}

	@Override
	public void responseContent() {
		this.first.responseContent();
		this.second.responseContent();
		this.third.responseContent();
		this.fourth.responseContent();
	}

	@Override
	public void responseEnded(boolean written) {
		this.first.responseEnded(written);
		this.second.responseEnded(written);
		this.third.responseEnded(written);
		this.fourth.responseEnded(written);
	}

	@Override
	public void refused(Refusal refusal) {
		this.first.refused(refusal);
		this.second.refused(refusal);
		this.third.refused(refusal);
		this.fourth.refused(refusal);
	}

	@Override
	public void malformed() {
		this.first.malformed();
		this.second.malformed();
		this.third.malformed();
		this.fourth.malformed();
	}

	@Override
	public void closed() {
		this.first.closed();
		this.second.closed();
		this.third.closed();
		this.fourth.closed();
	}

}
