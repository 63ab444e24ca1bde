package io.zokio.engine.pipeline;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Error;
import org.jspecify.annotations.Nullable;

/**
 * Up to four connection listeners called in order; the first refusal wins, and all see every
 * callback. Each listener has a field and a call site of its own, so that a server whose
 * participants come in one order sees one receiver type at each call site, which the JIT inlines;
 * a loop over an array, or composites nested in pairs, would make those sites polymorphic or
 * deeper. More than four listeners nest.
 */
final class CompositeConnectionListener implements ConnectionListener {

	private static final int WIDTH = 4;

	private final ConnectionListener first;

	private final ConnectionListener second;

	private final ConnectionListener third;

	private final ConnectionListener fourth;

	private CompositeConnectionListener(ConnectionListener first, ConnectionListener second,
			ConnectionListener third, ConnectionListener fourth) {
		this.first = first;
		this.second = second;
		this.third = third;
		this.fourth = fourth;
	}

	static ConnectionListener of(List<ConnectionListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		if (listeners.size() > WIDTH) {
			ConnectionListener rest = of(listeners.subList(WIDTH - 1, listeners.size()));
			return new CompositeConnectionListener(listeners.get(0), listeners.get(1), listeners.get(2), rest);
		}
		return new CompositeConnectionListener(listeners.get(0), listeners.get(1),
				(listeners.size() > 2) ? listeners.get(2) : NONE, (listeners.size() > 3) ? listeners.get(3) : NONE);
	}

	@Override
	public @Nullable Refusal bytesRead(ByteBuf bytes) {
		Refusal first = this.first.bytesRead(bytes);
		Refusal second = this.second.bytesRead(bytes);
		Refusal third = this.third.bytesRead(bytes);
		Refusal fourth = this.fourth.bytesRead(bytes);
		return (first != null) ? first : (second != null) ? second : (third != null) ? third : fourth;
	}

	@Override
	public ByteBuf decoding(ByteBuf bytes) {
		return this.fourth.decoding(this.third.decoding(this.second.decoding(this.first.decoding(bytes))));
	}

	@Override
	public void bytesWritten(long bytes) {
		this.first.bytesWritten(bytes);
		this.second.bytesWritten(bytes);
		this.third.bytesWritten(bytes);
		this.fourth.bytesWritten(bytes);
	}

	@Override
	public void tlsHandshakeEnded(TlsHandshake handshake) {
		this.first.tlsHandshakeEnded(handshake);
		this.second.tlsHandshakeEnded(handshake);
		this.third.tlsHandshakeEnded(handshake);
		this.fourth.tlsHandshakeEnded(handshake);
	}

	@Override
	public void protocolSelected(HttpProtocol protocol, boolean upgraded) {
		this.first.protocolSelected(protocol, upgraded);
		this.second.protocolSelected(protocol, upgraded);
		this.third.protocolSelected(protocol, upgraded);
		this.fourth.protocolSelected(protocol, upgraded);
	}

	@Override
	public void goAwaySent(Http2Error error) {
		this.first.goAwaySent(error);
		this.second.goAwaySent(error);
		this.third.goAwaySent(error);
		this.fourth.goAwaySent(error);
	}

	@Override
	public void readBuffersExhausted() {
		this.first.readBuffersExhausted();
		this.second.readBuffersExhausted();
		this.third.readBuffersExhausted();
		this.fourth.readBuffersExhausted();
	}

	@Override
	public ExchangeListener http11Exchanges(Exchange exchange) {
		return CompositeExchangeListener.of(this.first.http11Exchanges(exchange),
				this.second.http11Exchanges(exchange), this.third.http11Exchanges(exchange),
				this.fourth.http11Exchanges(exchange));
	}

	@Override
	public ExchangeListener streamOpened(Exchange exchange) {
		return CompositeExchangeListener.of(this.first.streamOpened(exchange), this.second.streamOpened(exchange),
				this.third.streamOpened(exchange), this.fourth.streamOpened(exchange));
	}

	@Override
	public void closing(CloseReason reason) {
		this.first.closing(reason);
		this.second.closing(reason);
		this.third.closing(reason);
		this.fourth.closing(reason);
	}

	@Override
	public void failed(Throwable cause) {
		this.first.failed(cause);
		this.second.failed(cause);
		this.third.failed(cause);
		this.fourth.failed(cause);
	}

	@Override
	public void closed() {
		this.first.closed();
		this.second.closed();
		this.third.closed();
		this.fourth.closed();
	}

}
