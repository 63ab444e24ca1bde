/**
 * Warm-up: real requests sent through the application's own server over loopback, on every
 * protocol it speaks, after it binds and before it reports ready, so that the JIT has compiled the
 * request path before the first user's request. Its connections are known by their client
 * addresses and kept out of the server's statistics.
 */
@NullMarked
package io.zokio.engine.warmup;

import org.jspecify.annotations.NullMarked;
