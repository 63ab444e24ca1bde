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

	private CompositeExchangeListener(ExchangeListener first, ExchangeListener second, ExchangeListener third) {
		this.first = first;
		this.second = second;
		this.third = third;
	}

	static ExchangeListener of(ExchangeListener first, ExchangeListener second, ExchangeListener third) {
		if (first == NONE) {
			return of(second, third);
		}
		if (second == NONE) {
			return of(first, third);
		}
		return new CompositeExchangeListener(first, second, third);
	}

	private static ExchangeListener of(ExchangeListener first, ExchangeListener second) {
		if (first == NONE) {
			return second;
		}
		return (second == NONE) ? first : new CompositeExchangeListener(first, second, NONE);
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		Refusal first = this.first.requestReceived(request, complete);
		Refusal second = this.second.requestReceived(request, complete);
		Refusal third = this.third.requestReceived(request, complete);
		return (first != null) ? first : (second != null) ? second : third;
	}

	@Override
	public @Nullable Refusal requestContent(HttpContent content, boolean last) {
		Refusal first = this.first.requestContent(content, last);
		Refusal second = this.second.requestContent(content, last);
		Refusal third = this.third.requestContent(content, last);
		return (first != null) ? first : (second != null) ? second : third;
	}

	@Override
	public void informationalResponse(int status) {
		this.first.informationalResponse(status);
		this.second.informationalResponse(status);
		this.third.informationalResponse(status);
	}

	@Override
	public boolean responseStarted(int status) {
		boolean first = this.first.responseStarted(status);
		boolean second = this.second.responseStarted(status);
		return this.third.responseStarted(status) || first || second;
	}

	@Override
	public void responseContent() {
		this.first.responseContent();
		this.second.responseContent();
		this.third.responseContent();
	}

	@Override
	public void responseEnded(boolean written) {
		this.first.responseEnded(written);
		this.second.responseEnded(written);
		this.third.responseEnded(written);
	}

	@Override
	public void refused(Refusal refusal) {
		this.first.refused(refusal);
		this.second.refused(refusal);
		this.third.refused(refusal);
	}

	@Override
	public void closed() {
		this.first.closed();
		this.second.closed();
		this.third.closed();
	}

}
