package io.zokio.engine.pipeline;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Error;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of one connection, called in order; the first refusal wins, and every listener
 * sees every callback.
 */
final class CompositeConnectionListener implements ConnectionListener {

	private final ConnectionListener[] listeners;

	private CompositeConnectionListener(ConnectionListener[] listeners) {
		this.listeners = listeners;
	}

	static ConnectionListener of(List<ConnectionListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> NONE;
			case 1 -> listeners.get(0);
			default -> new CompositeConnectionListener(listeners.toArray(ConnectionListener[]::new));
		};
	}

	@Override
	public @Nullable Refusal bytesRead(ByteBuf bytes) {
		Refusal refusal = null;
		for (ConnectionListener listener : this.listeners) {
			Refusal own = listener.bytesRead(bytes);
			refusal = (refusal != null) ? refusal : own;
		}
		return refusal;
	}

	@Override
	public void bytesWritten(long bytes) {
		for (ConnectionListener listener : this.listeners) {
			listener.bytesWritten(bytes);
		}
	}

	@Override
	public void tlsHandshakeEnded(@Nullable Throwable failure, long nanos) {
		for (ConnectionListener listener : this.listeners) {
			listener.tlsHandshakeEnded(failure, nanos);
		}
	}

	@Override
	public void protocolSelected(HttpProtocol protocol, boolean upgraded) {
		for (ConnectionListener listener : this.listeners) {
			listener.protocolSelected(protocol, upgraded);
		}
	}

	@Override
	public void goAwaySent(Http2Error error) {
		for (ConnectionListener listener : this.listeners) {
			listener.goAwaySent(error);
		}
	}

	@Override
	public ExchangeListener http11Exchanges(Exchange exchange) {
		ExchangeListener[] exchanges = new ExchangeListener[this.listeners.length];
		for (int i = 0; i < exchanges.length; i++) {
			exchanges[i] = this.listeners[i].http11Exchanges(exchange);
		}
		return CompositeExchangeListener.of(exchanges);
	}

	@Override
	public ExchangeListener streamOpened(Exchange exchange) {
		ExchangeListener[] streams = new ExchangeListener[this.listeners.length];
		for (int i = 0; i < streams.length; i++) {
			streams[i] = this.listeners[i].streamOpened(exchange);
		}
		return CompositeExchangeListener.of(streams);
	}

	@Override
	public void closing(CloseReason reason) {
		for (ConnectionListener listener : this.listeners) {
			listener.closing(reason);
		}
	}

	@Override
	public void failed(Throwable cause) {
		for (ConnectionListener listener : this.listeners) {
			listener.failed(cause);
		}
	}

	@Override
	public void closed() {
		for (ConnectionListener listener : this.listeners) {
			listener.closed();
		}
	}

}
