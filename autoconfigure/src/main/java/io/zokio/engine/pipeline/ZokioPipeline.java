package io.zokio.engine.pipeline;

/**
 * The names of Zokio's handlers in a server connection's pipeline, and where they sit in each
 * layout Reactor Netty builds. Zokio has two seats: the {@link #CONNECTION_HANDLER connection
 * handler} nearest the application bytes, and the {@link #EXCHANGE_HANDLER exchange handler} after
 * whichever codec turns those bytes into HTTP/1.1 messages; on HTTP/3, whose connections carry no
 * bytes, each request stream also has a {@link #STREAM_BYTES byte seat}. Capabilities never add
 * handlers of their own: they listen through {@link ConnectionListener} and {@link ExchangeListener}.
 *
 * <pre>
 * HTTP/1.1, cleartext or TLS (ALPN http/1.1 included):
 *
 *   [ProxyProtocolDecoder] [SslHandler] zokio.connection HttpCodec zokio.exchange
 *       [IdleTimeoutHandler] [CompressionHandler] HttpTrafficHandler ReactiveBridge
 *
 * HTTP/1.1 with h2c on (server.http2.enabled in cleartext):
 *
 *   zokio.connection H2CUpgradeHandler (HttpServerCodec) zokio.exchange (HttpServerUpgradeHandler)
 *       HttpTrafficHandler ReactiveBridge
 *   the connection handler reads the HTTP/2 preface itself and removes zokio.exchange when it comes;
 *   the exchange handler hands over to HTTP/2 when it writes 101 with Upgrade: h2c
 *
 * HTTP/1.1 or HTTP/2 over TLS, before ALPN:
 *
 *   [SslHandler] zokio.connection H2OrHttp11Codec ReactiveBridge
 *   settled by the connection handler after the handshake event, into one of the other layouts
 *
 * HTTP/2 (ALPN h2, h2c with prior knowledge, or after Upgrade: h2c), the connection:
 *
 *   [SslHandler] zokio.connection HttpCodec (Http2FrameCodec) [IdleTimeoutHandler] H2MultiplexHandler
 *
 * Reactor Netty's IdleTimeoutHandler is there only when server.netty.idle-timeout is set: Zokio
 * enforces its own idle timeout without a handler.
 *
 * HTTP/2, each stream's own channel:
 *
 *   H2ToHttp11Codec zokio.exchange HttpTrafficHandler [CompressionHandler] ReactiveBridge
 *
 * HTTP/3 (zokio.http3.enabled), each QUIC connection's channel:
 *
 *   QuicheQuicConnectionHandler HttpCodec (Http3ServerConnectionHandler) zokio.connection
 *   the connection carries streams, not bytes: the connection handler seats the exchange handler in
 *   each request stream; a refused connection is closed with QUIC's CONNECTION_CLOSE
 *
 * HTTP/3, each request stream's own channel:
 *
 *   zokio.streamBytes Http3FrameCodec (validators) zokio.streamFailures H3ToHttp11Codec zokio.exchange
 *       HttpTrafficHandler [CompressionHandler] ReactiveBridge
 *   the stream's byte seat hands its bytes to the connection's listeners, and keeps what waits for
 *   QUIC to take it; its failure seat counts what the codec finds malformed
 *
 * A connection a participant refuses:
 *
 *   zokio.connection (dropping every byte) ... the rest as Reactor Netty laid it out
 * </pre>
 */
public interface ZokioPipeline {

	/**
	 * The connection handler: bytes, TLS events, protocol, close reasons.
	 */
	String CONNECTION_HANDLER = "zokio.connection";

	/**
	 * The name of the handler first in the listening channel's pipeline, which backs off
	 * accepting while accepting fails.
	 */
	String ACCEPT_HANDLER = "zokio.accept";

	/**
	 * The exchange handler: requests, responses and refusals, on an HTTP/1.1 connection or an
	 * HTTP/2 stream.
	 */
	String EXCHANGE_HANDLER = "zokio.exchange";

	/**
	 * The byte seat of an HTTP/3 request stream: its bytes, and what waits for QUIC to take it.
	 */
	String STREAM_BYTES = "zokio.streamBytes";

	/**
	 * The failure seat of an HTTP/3 request stream: the client's breaches its codec finds, counted.
	 */
	String STREAM_FAILURES = "zokio.streamFailures";

}
