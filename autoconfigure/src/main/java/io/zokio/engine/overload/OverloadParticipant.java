package io.zokio.engine.overload;

import io.netty.channel.Channel;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.ConnectionParticipant;
import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.HttpProtocol;
import io.zokio.engine.pipeline.Seat;
import org.jspecify.annotations.Nullable;

/**
 * Takes part in every connection of a server for its {@link ConcurrencyLimit}: each HTTP/1.1
 * request and each HTTP/2 stream takes a slot before it reaches the application, or is answered
 * {@code 503} with {@code Retry-After} as {@link io.zokio.engine.pipeline.Refusal#CONCURRENCY_LIMIT}.
 */
public final class OverloadParticipant implements ConnectionParticipant {

	private final ConcurrencyLimit limit;

	/**
	 * Create a participant for the given limit.
	 * @param limit the limit
	 */
	public OverloadParticipant(ConcurrencyLimit limit) {
		this.limit = limit;
	}

	@Override
	public ConnectionListener open(Channel channel, Seat seat) {
		return new Connection(this.limit);
	}

	private static final class Connection implements ConnectionListener {

		private final ConcurrencyLimit limit;

		private @Nullable Admission http11;

		Connection(ConcurrencyLimit limit) {
			this.limit = limit;
		}

		@Override
		public ExchangeListener http11Exchanges(Exchange exchange) {
			Admission admission = new Admission(this.limit);
			this.http11 = admission;
			return admission;
		}

		@Override
		public ExchangeListener streamOpened(Exchange exchange) {
			return new Admission(this.limit);
		}

		@Override
		public void protocolSelected(HttpProtocol protocol, boolean upgraded) {
			if (upgraded && this.http11 != null) {
				this.http11.release();
			}
		}

		@Override
		public void closed() {
			if (this.http11 != null) {
				this.http11.release();
			}
		}

	}

}
