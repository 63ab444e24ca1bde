package io.zokio.engine.pipeline;

import javax.net.ssl.SSLEngine;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

/**
 * Times a connection's TLS handshake from the connection's start and hands how it ended to the
 * listeners, once: completed (version, ALPN protocol, resumption), failed and why, or abandoned.
 */
final class TlsHandshakeWatch {

	private final ConnectionListener listener;

	private final long startNanos = System.nanoTime();

	private long startMillis;

	private boolean handshaking;

	TlsHandshakeWatch(ConnectionListener listener) {
		this.listener = listener;
	}

	/**
	 * Start watching if the connection has TLS.
	 * @param pipeline the connection's pipeline
	 */
	void start(ChannelPipeline pipeline) {
		if (pipeline.get(SslHandler.class) != null || pipeline.get(AbstractSniHandler.class) != null) {
			this.handshaking = true;
			this.startMillis = System.currentTimeMillis();
		}
	}

	boolean isHandshaking() {
		return this.handshaking;
	}

	/**
	 * Hand how the handshake ended to the listeners, once.
	 * @param ctx the connection handler's context
	 * @param failure the failure, or {@code null} when it completed
	 */
	void ended(ChannelHandlerContext ctx, @Nullable Throwable failure) {
		if (failure != null) {
			failed(ctx, TlsFailure.of(failure));
			return;
		}
		if (!this.handshaking) {
			return;
		}
		this.handshaking = false;
		SslHandler ssl = ctx.pipeline().get(SslHandler.class);
		if (ssl != null) {
			SSLEngine engine = ssl.engine();
			this.listener.tlsHandshakeEnded(TlsHandshake.completed(TlsVersion.of(engine.getSession().getProtocol()),
					AlpnProtocol.of(ssl.applicationProtocol()), isResumed(engine), System.nanoTime() - this.startNanos));
		}
	}

	/**
	 * Hand a failed handshake to the listeners, once, and close the connection as
	 * {@link CloseReason#TLS}, unless the server had already cut it for another reason (the PROXY
	 * header's deadline, shutdown): then no handshake is reported.
	 * @param ctx the connection handler's context
	 * @param failure why it failed
	 */
	void failed(ChannelHandlerContext ctx, TlsFailure failure) {
		if (!this.handshaking) {
			return;
		}
		this.handshaking = false;
		if (CloseReasons.of(ctx.channel()) != null) {
			return;
		}
		CloseReasons.mark(ctx.channel(), CloseReason.TLS);
		this.listener.tlsHandshakeEnded(TlsHandshake.failed(failure, System.nanoTime() - this.startNanos));
		this.listener.closing(CloseReason.TLS);
	}

	/**
	 * Return whether a completed handshake resumed an earlier session: netty-tcnative says so; the
	 * JDK keeps a resumed session's creation time, which is then earlier than the connection.
	 */
	private boolean isResumed(SSLEngine engine) {
		if (engine instanceof ReferenceCountedOpenSslEngine openSsl) {
			return OpenSslSessions.isResumed(openSsl);
		}
		return engine.getSession().getCreationTime() < this.startMillis;
	}

}
