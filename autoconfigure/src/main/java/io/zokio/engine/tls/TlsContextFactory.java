package io.zokio.engine.tls;

import io.netty.handler.ssl.SslContext;

/**
 * Builds the server's {@link SslContext} from its key material, protocols and ciphers with a given
 * implementation: the {@link io.zokio.engine.selection.Stage#INIT init} stage.
 */
@FunctionalInterface
public interface TlsContextFactory {

	/**
	 * Build the server context with an implementation.
	 * @param provider the implementation
	 * @return the context, which the caller releases when it is reference-counted
	 * @throws Exception if the implementation refuses the key material, a protocol or a cipher
	 */
	SslContext create(TlsProvider provider) throws Exception;

}
