package io.zokio.engine.pipeline;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.NotSslRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a client's failed TLS handshake out of the logs where Netty would log it with a stack trace:
 * the {@link ApplicationProtocolNegotiationHandler} that serves ALPN logs every failed handshake
 * twice at WARN with its stack trace and the client's address (about 9 KB, so 2,000 failed
 * handshakes are 18 MB of log). The connection seat has counted the failure by its class; the
 * failure is logged here at DEBUG in one line, and the connection closed.
 */
final class HandshakeFailures {

	private static final Logger logger = LoggerFactory.getLogger(HandshakeFailures.class);

	private HandshakeFailures() {
	}

	/**
	 * Return whether a handler after the seat would log a failed handshake loudly.
	 * @param ctx the seat's context
	 * @return whether ALPN is negotiated after the seat
	 */
	static boolean loggedLoudly(ChannelHandlerContext ctx) {
		return ctx.pipeline().get(ApplicationProtocolNegotiationHandler.class) != null;
	}

	/**
	 * Return whether an exception is a failure of the TLS handshake or of TLS records.
	 * @param cause the exception
	 * @return whether it is one
	 */
	static boolean isTlsFailure(Throwable cause) {
		for (Throwable candidate = cause; candidate != null;
				candidate = (candidate.getCause() != candidate) ? candidate.getCause() : null) {
			if (candidate instanceof SSLException || candidate instanceof NotSslRecordException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Close the connection of a failed handshake quietly.
	 * @param ctx the seat's context
	 * @param cause what the TLS implementation raised
	 */
	static void close(ChannelHandlerContext ctx, Throwable cause) {
		if (logger.isDebugEnabled()) {
			logger.debug("TLS handshake failed ({}): {}", TlsFailure.of(cause).id(), cause.toString());
		}
		ctx.close();
	}

}
