package io.zokio.engine.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Error;
import org.jspecify.annotations.Nullable;

/**
 * What one capability sees of one connection, called on the connection's event loop by the
 * {@link ZokioPipeline#CONNECTION_HANDLER connection handler}. Every callback is a no-op by
 * default; new ones are added the same way.
 */
public interface ConnectionListener {

	/**
	 * A listener that does nothing.
	 */
	ConnectionListener NONE = new ConnectionListener() {
	};

	/**
	 * Application bytes arrived (decrypted when TLS is on), before any HTTP decoding.
	 * @param bytes the bytes, not to be consumed or released
	 * @return the refusal of the request these bytes belong to, or {@code null} to go on
	 */
	default @Nullable Refusal bytesRead(ByteBuf bytes) {
		return null;
	}

	/**
	 * Application bytes that every listener has read are about to reach the HTTP decoder: return
	 * them, or in their place, having released them, the bytes the decoder is to read instead.
	 * @param bytes the bytes
	 * @return the bytes to decode
	 */
	default ByteBuf decoding(ByteBuf bytes) {
		return bytes;
	}

	/**
	 * Application bytes are about to be written (before encryption).
	 * @param bytes the number of bytes
	 */
	default void bytesWritten(long bytes) {
	}

	/**
	 * The TLS handshake ended: it completed, failed, timed out, or the client left before it
	 * finished.
	 * @param handshake how it ended
	 */
	default void tlsHandshakeEnded(TlsHandshake handshake) {
	}

	/**
	 * The connection's protocol is known: at once for a layout of one protocol, after ALPN, or when a
	 * cleartext connection turns out to speak HTTP/2 (prior knowledge or {@code Upgrade: h2c}).
	 * @param protocol the protocol
	 * @param upgraded whether an HTTP/1.1 request was upgraded, so that HTTP/2 stream 1 continues its
	 * exchange
	 */
	default void protocolSelected(HttpProtocol protocol, boolean upgraded) {
	}

	/**
	 * Netty's HTTP/2 codec sent GOAWAY: on a graceful close ({@code NO_ERROR}), or because its
	 * defences (rapid reset, CONTINUATION, SETTINGS or PING floods, protocol errors) closed the
	 * connection.
	 * @param error the error code sent
	 */
	default void goAwaySent(Http2Error error) {
	}

	/**
	 * io_uring found the event loop's provided read buffer ring empty and could not grow it: the
	 * connection's read waits until buffers return to the ring.
	 */
	default void readBuffersExhausted() {
	}

	/**
	 * Return the listener of the connection's HTTP/1.1 exchanges.
	 * @param exchange the exchange the listener may refuse
	 * @return the listener
	 */
	default ExchangeListener http11Exchanges(Exchange exchange) {
		return ExchangeListener.NONE;
	}

	/**
	 * Return the listener of a new HTTP/2 stream of this connection.
	 * @param exchange the stream's exchange, which the listener may refuse
	 * @return the listener
	 */
	default ExchangeListener streamOpened(Exchange exchange) {
		return ExchangeListener.NONE;
	}

	/**
	 * The connection is about to be closed, or has failed: the first reason given wins.
	 * {@link CloseReason#SERVER} is given for a server close with no other reason known.
	 * @param reason the reason
	 */
	default void closing(CloseReason reason) {
	}

	/**
	 * An exception reached the connection's pipeline.
	 * @param cause the exception
	 */
	default void failed(Throwable cause) {
	}

	/**
	 * The connection closed.
	 */
	default void closed() {
	}

}
