package io.zokio.engine.pipeline;

import java.util.Arrays;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import org.jspecify.annotations.Nullable;

/**
 * The exchange listeners of one connection or stream, called in order; the first refusal wins,
 * every listener sees every callback, and any listener may ask for the connection to close.
 */
final class CompositeExchangeListener implements ExchangeListener {

	private final ExchangeListener[] listeners;

	private CompositeExchangeListener(ExchangeListener[] listeners) {
		this.listeners = listeners;
	}

	static ExchangeListener of(ExchangeListener[] listeners) {
		ExchangeListener[] active = Arrays.stream(listeners)
			.filter((listener) -> listener != NONE)
			.toArray(ExchangeListener[]::new);
		return switch (active.length) {
			case 0 -> NONE;
			case 1 -> active[0];
			default -> new CompositeExchangeListener(active);
		};
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		Refusal refusal = null;
		for (ExchangeListener listener : this.listeners) {
			Refusal own = listener.requestReceived(request, complete);
			refusal = (refusal != null) ? refusal : own;
		}
		return refusal;
	}

	@Override
	public @Nullable Refusal requestContent(HttpContent content, boolean last) {
		Refusal refusal = null;
		for (ExchangeListener listener : this.listeners) {
			Refusal own = listener.requestContent(content, last);
			refusal = (refusal != null) ? refusal : own;
		}
		return refusal;
	}

	@Override
	public void informationalResponse(int status) {
		for (ExchangeListener listener : this.listeners) {
			listener.informationalResponse(status);
		}
	}

	@Override
	public boolean responseStarted(int status) {
		boolean close = false;
		for (ExchangeListener listener : this.listeners) {
			close |= listener.responseStarted(status);
		}
		return close;
	}

	@Override
	public void responseContent() {
		for (ExchangeListener listener : this.listeners) {
			listener.responseContent();
		}
	}

	@Override
	public void responseEnded(boolean written) {
		for (ExchangeListener listener : this.listeners) {
			listener.responseEnded(written);
		}
	}

	@Override
	public void refused(Refusal refusal) {
		for (ExchangeListener listener : this.listeners) {
			listener.refused(refusal);
		}
	}

	@Override
	public void closed() {
		for (ExchangeListener listener : this.listeners) {
			listener.closed();
		}
	}

}
