/**
 * Protection against slow and excessive clients: a connection limit, request header, body and
 * write timeouts, body size limits, PROXY protocol sources, and a graceful shutdown that closes
 * keep-alive connections. Strict HTTP/1.1 is the {@code conformance} room's.
 */
@NullMarked
package io.zokio.engine.protection;

import org.jspecify.annotations.NullMarked;
