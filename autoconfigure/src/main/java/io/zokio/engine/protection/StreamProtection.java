package io.zokio.engine.protection;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * The limits of one HTTP/2 or HTTP/3 stream: its head deadline (an HTTP/3 stream opens with its
 * first bytes, before its head is decoded; an HTTP/2 stream opens with its head), its body deadline
 * (renewed by each DATA frame), its minimum body rate while the server reads it, and its body size.
 * A stream that breaks one is answered and reset; its connection goes on. Checked by its
 * connection's guard, on the connection's event loop.
 */
final class StreamProtection implements ExchangeListener {

	private final Http2Protection connection;

	private final Exchange exchange;

	private final ProtectionSettings settings;

	private final RequestBody body;

	private long headDeadlineNanos;

	StreamProtection(Http2Protection connection, Exchange exchange, ProtectionSettings settings,
			long headDeadlineNanos) {
		this.connection = connection;
		this.exchange = exchange;
		this.settings = settings;
		this.body = new RequestBody(settings);
		this.headDeadlineNanos = headDeadlineNanos;
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		this.headDeadlineNanos = 0;
		this.body.started(complete);
		return this.settings.declaredBodyRefusal(request);
	}

	@Override
	public @Nullable Refusal requestContent(HttpContent content, boolean last) {
		this.body.renew();
		return this.body.received(content.content().readableBytes(), last);
	}

	void check(long now) {
		if (Deadlines.due(this.headDeadlineNanos, now)) {
			this.headDeadlineNanos = 0;
			this.exchange.refuse(Refusal.REQUEST_TIMEOUT);
			return;
		}
		Refusal refusal = this.body.check(now, this.exchange.isReading());
		if (refusal != null) {
			this.exchange.refuse(refusal);
		}
	}

	@Override
	public void closed() {
		this.body.stop();
		this.connection.streamClosed(this);
	}

}
