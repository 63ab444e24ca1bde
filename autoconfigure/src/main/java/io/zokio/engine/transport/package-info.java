/**
 * Staged selection of the I/O transport (io_uring, epoll, kqueue, NIO) with fallback, and the
 * {@link reactor.netty.resources.LoopResources} that serve the chosen one.
 */
@NullMarked
package io.zokio.engine.transport;

import org.jspecify.annotations.NullMarked;
