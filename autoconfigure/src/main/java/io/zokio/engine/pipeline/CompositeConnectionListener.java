package io.zokio.engine.pipeline;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Error;
import org.jspecify.annotations.Nullable;

/**
 * Two connection listeners called in order; the first refusal wins, and both see every callback.
 * More listeners nest as pairs, so that each call site sees at most two receiver types and the JIT
 * can inline it, as an array of three or more would not allow.
 */
final class CompositeConnectionListener implements ConnectionListener {

	private final ConnectionListener first;

	private final ConnectionListener second;

	private CompositeConnectionListener(ConnectionListener first, ConnectionListener second) {
		this.first = first;
		this.second = second;
	}

	static ConnectionListener of(List<ConnectionListener> listeners) {
		ConnectionListener composite = NONE;
		for (ConnectionListener listener : listeners) {
			composite = (composite == NONE) ? listener : new CompositeConnectionListener(composite, listener);
		}
		return composite;
	}

	@Override
	public @Nullable Refusal bytesRead(ByteBuf bytes) {
		Refusal refusal = this.first.bytesRead(bytes);
		Refusal other = this.second.bytesRead(bytes);
		return (refusal != null) ? refusal : other;
	}

	@Override
	public void bytesWritten(long bytes) {
		this.first.bytesWritten(bytes);
		this.second.bytesWritten(bytes);
	}

	@Override
	public void tlsHandshakeEnded(@Nullable Throwable failure, long nanos) {
		this.first.tlsHandshakeEnded(failure, nanos);
		this.second.tlsHandshakeEnded(failure, nanos);
	}

	@Override
	public void protocolSelected(HttpProtocol protocol, boolean upgraded) {
		this.first.protocolSelected(protocol, upgraded);
		this.second.protocolSelected(protocol, upgraded);
	}

	@Override
	public void goAwaySent(Http2Error error) {
		this.first.goAwaySent(error);
		this.second.goAwaySent(error);
	}

	@Override
	public ExchangeListener http11Exchanges(Exchange exchange) {
		return CompositeExchangeListener.of(this.first.http11Exchanges(exchange),
				this.second.http11Exchanges(exchange));
	}

	@Override
	public ExchangeListener streamOpened(Exchange exchange) {
		return CompositeExchangeListener.of(this.first.streamOpened(exchange), this.second.streamOpened(exchange));
	}

	@Override
	public void closing(CloseReason reason) {
		this.first.closing(reason);
		this.second.closing(reason);
	}

	@Override
	public void failed(Throwable cause) {
		this.first.failed(cause);
		this.second.failed(cause);
	}

	@Override
	public void closed() {
		this.first.closed();
		this.second.closed();
	}

}
