package io.zokio.engine.http3;

import io.netty.handler.codec.quic.QuicSslContext;

/**
 * Builds the HTTP/3 server's QUIC TLS context from the server's key material: the
 * {@link io.zokio.engine.selection.Stage#INIT init} stage.
 */
@FunctionalInterface
public interface QuicContextFactory {

	/**
	 * Build the context.
	 * @return the context
	 * @throws Exception if the server has no key material QUIC can use
	 */
	QuicSslContext create() throws Exception;

}
