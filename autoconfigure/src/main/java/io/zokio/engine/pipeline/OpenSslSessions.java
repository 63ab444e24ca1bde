package io.zokio.engine.pipeline;

import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.SSL;

/**
 * What netty-tcnative tells of a session and the JDK's API does not; loaded only for an engine of
 * the OpenSSL implementation, so that the JDK implementation runs without netty-tcnative.
 */
final class OpenSslSessions {

	private OpenSslSessions() {
	}

	/**
	 * Return whether the engine's handshake resumed an earlier session.
	 * @param engine an engine whose handshake completed
	 * @return whether the session was reused, {@code false} once the engine is freed
	 */
	static boolean isResumed(ReferenceCountedOpenSslEngine engine) {
		long ssl = engine.sslPointer();
		return ssl != 0 && SSL.isSessionReused(ssl);
	}

}
