/**
 * Staged selection of the TLS implementation (native OpenSSL through netty-tcnative, or the JDK's
 * {@code SSLEngine}) with fallback, each attempt proven by a self-handshake before the first client.
 */
@NullMarked
package io.zokio.engine.tls;

import org.jspecify.annotations.NullMarked;
