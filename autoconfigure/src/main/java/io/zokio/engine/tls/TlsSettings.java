package io.zokio.engine.tls;

import java.time.Duration;

/**
 * How the engine chooses and runs its TLS implementation.
 *
 * @param mode which implementation to try first
 * @param requireNative whether to fail rather than serve with the JDK
 * @param handshakeTimeout how long a connection may take from accept to the end of its handshake
 * (the self-handshake at startup has a bound of its own)
 */
public record TlsSettings(TlsMode mode, boolean requireNative, Duration handshakeTimeout) {

}
