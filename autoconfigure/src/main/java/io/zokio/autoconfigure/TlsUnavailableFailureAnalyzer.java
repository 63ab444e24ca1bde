package io.zokio.autoconfigure;

import io.zokio.engine.tls.TlsUnavailableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because native TLS was required and could not be used, or because
 * no TLS implementation could serve the server's SSL configuration.
 */
class TlsUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<TlsUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TlsUnavailableException cause) {
		String action = cause.isSelfHandshakeTimedOut()
				? "The self-handshake that proves a TLS implementation at startup ran out of time: the machine was "
						+ "too busy, not the key material at fault. Start the application when fewer processes start "
						+ "with it, or give it more CPU."
				: cause.isNativeRequired()
				? "Make native OpenSSL loadable (see the causes above: netty-tcnative-boringssl-static for this "
						+ "platform on the classpath, an executable java.io.tmpdir or io.netty.native.workdir), or set "
						+ "zokio.tls.require-native=false to allow the JDK's TLS."
				: "Fix the server's SSL configuration (server.ssl.*, server.ssl.bundle, spring.ssl.bundle.*): "
						+ "key material, enabled protocols and ciphers that a TLS implementation accepts and that "
						+ "complete a handshake.";
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
