package io.zokio.engine.buffer;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.ConnectionParticipant;
import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.Seat;
import org.jspecify.annotations.Nullable;

/**
 * Takes part in every connection and stream of a server for its {@link DirectMemoryGuard}: while
 * direct memory has run out, each new request is refused as {@link Refusal#OVERLOADED}, and a
 * connection whose I/O failed for lack of memory is counted (the pipeline closes it), and so is a
 * read that found io_uring's read buffer ring empty. Holds no state per connection.
 */
public final class MemoryGuardParticipant implements ConnectionParticipant, ConnectionListener, ExchangeListener {

	private final DirectMemoryGuard guard;

	private final @Nullable ReadBufferRing readBufferRing;

	/**
	 * Create a participant for the given pool's guard and read buffer ring.
	 * @param pool the pool
	 */
	public MemoryGuardParticipant(BufferPool pool) {
		this.guard = pool.guard();
		this.readBufferRing = pool.readBufferRing();
	}

	@Override
	public ConnectionListener open(Channel channel, Seat seat) {
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
	public void readBuffersExhausted() {
		if (this.readBufferRing != null) {
			this.readBufferRing.exhausted();
		}
	}

	@Override
	public void closed() {
	}

}
