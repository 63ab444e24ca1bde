package io.zokio.engine.protection;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * The limits of one HTTP/2 stream: its body deadline (renewed by each DATA frame), its minimum
 * body rate while the server reads it, and its body size.
 * A stream that breaks one is answered and reset; its connection goes on. Checked by its
 * connection's guard, on the connection's event loop.
 */
final class StreamProtection implements ExchangeListener {

	private final Http2Protection connection;

	private final Exchange exchange;

	private final ProtectionSettings settings;

	private final Throughput body;

	private long bodyBytes;

	private long bodyDeadlineNanos;

	StreamProtection(Http2Protection connection, Exchange exchange, ProtectionSettings settings) {
		this.connection = connection;
		this.exchange = exchange;
		this.settings = settings;
		this.body = new Throughput(settings.minRequestBodyRate());
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		long now = System.nanoTime();
		this.bodyDeadlineNanos = complete ? 0 : Deadlines.deadline(now, this.settings.requestBodyNanos());
		if (!complete) {
			this.body.start(now);
		}
		return this.settings.declaredBodyRefusal(request);
	}

	@Override
	public @Nullable Refusal requestContent(HttpContent content, boolean last) {
		int bytes = content.content().readableBytes();
		this.bodyBytes += bytes;
		this.body.moved(bytes);
		this.bodyDeadlineNanos = last ? 0
				: Deadlines.deadline(System.nanoTime(), this.settings.requestBodyNanos());
		if (last) {
			this.body.stop();
		}
		return this.settings.tooLarge(this.bodyBytes) ? Refusal.CONTENT_TOO_LARGE : null;
	}

	void check(long now) {
		if (Deadlines.due(this.bodyDeadlineNanos, now)) {
			this.bodyDeadlineNanos = 0;
			this.body.stop();
			this.exchange.refuse(Refusal.REQUEST_TIMEOUT);
		}
		else if (this.body.belowMinimum(now, this.exchange.isReading())) {
			this.body.stop();
			this.exchange.refuse(Refusal.REQUEST_BODY_RATE);
		}
	}

	@Override
	public void closed() {
		this.bodyDeadlineNanos = 0;
		this.body.stop();
		this.connection.streamClosed(this);
	}

}
