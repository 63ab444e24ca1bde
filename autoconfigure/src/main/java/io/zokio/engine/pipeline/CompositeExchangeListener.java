package io.zokio.engine.pipeline;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import org.jspecify.annotations.Nullable;

/**
 * Two exchange listeners of one connection or stream, called in order; the first refusal wins,
 * both see every callback, and either may ask for the connection to close. Nested as pairs like
 * {@link CompositeConnectionListener}, so that every call site stays inlinable.
 */
final class CompositeExchangeListener implements ExchangeListener {

	private final ExchangeListener first;

	private final ExchangeListener second;

	private CompositeExchangeListener(ExchangeListener first, ExchangeListener second) {
		this.first = first;
		this.second = second;
	}

	static ExchangeListener of(ExchangeListener first, ExchangeListener second) {
		if (first == NONE) {
			return second;
		}
		return (second == NONE) ? first : new CompositeExchangeListener(first, second);
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		Refusal refusal = this.first.requestReceived(request, complete);
		Refusal other = this.second.requestReceived(request, complete);
		return (refusal != null) ? refusal : other;
	}

	@Override
	public @Nullable Refusal requestContent(HttpContent content, boolean last) {
		Refusal refusal = this.first.requestContent(content, last);
		Refusal other = this.second.requestContent(content, last);
		return (refusal != null) ? refusal : other;
	}

	@Override
	public void informationalResponse(int status) {
		this.first.informationalResponse(status);
		this.second.informationalResponse(status);
	}

	@Override
	public boolean responseStarted(int status) {
		boolean close = this.first.responseStarted(status);
		return this.second.responseStarted(status) || close;
	}

	@Override
	public void responseContent() {
		this.first.responseContent();
		this.second.responseContent();
	}

	@Override
	public void responseEnded(boolean written) {
		this.first.responseEnded(written);
		this.second.responseEnded(written);
	}

	@Override
	public void refused(Refusal refusal) {
		this.first.refused(refusal);
		this.second.refused(refusal);
	}

	@Override
	public void closed() {
		this.first.closed();
		this.second.closed();
	}

}
