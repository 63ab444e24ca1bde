/**
 * HTTP/3 beside the application's HTTP/1.1 and HTTP/2 server: a QUIC server on the same port,
 * started in stages (load the native QUIC library, build the QUIC TLS context, bind the UDP port)
 * that fall back to serving without HTTP/3 and say which stage failed and why.
 */
@NullMarked
package io.zokio.engine.http3;

import org.jspecify.annotations.NullMarked;
