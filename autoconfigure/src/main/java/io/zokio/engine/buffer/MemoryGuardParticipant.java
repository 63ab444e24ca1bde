package io.zokio.engine.buffer;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.ConnectionParticipant;
import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * Takes part in every connection and stream of a server for its {@link DirectMemoryGuard}: while
 * direct memory has run out, each new request is refused as {@link Refusal#OVERLOADED}, and a
 * connection whose I/O failed for lack of memory is counted (the pipeline closes it). Holds no
 * state per connection.
 */
public final class MemoryGuardParticipant implements ConnectionParticipant, ConnectionListener, ExchangeListener {

	private final DirectMemoryGuard guard;

	/**
	 * Create a participant for the given guard.
	 * @param guard the guard
	 */
	public MemoryGuardParticipant(DirectMemoryGuard guard) {
		this.guard = guard;
	}

	@Override
	public ConnectionListener open(Channel channel) {
		return this;
	}

	@Override
	public ExchangeListener http11Exchanges(Exchange exchange) {
		return this;
	}

	@Override
	public ExchangeListener streamOpened(Exchange exchange) {
		return this;
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		if (this.guard.isExhausted()) {
			this.guard.refused();
			return Refusal.OVERLOADED;
		}
		return null;
	}

	@Override
	public void failed(Throwable cause) {
		if (cause instanceof OutOfMemoryError) {
			this.guard.outOfMemory(cause);
		}
	}

	@Override
	public void closed() {
	}

}
