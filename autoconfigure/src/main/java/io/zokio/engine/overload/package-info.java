/**
 * Adaptive overload protection: every request takes a slot of a concurrency limit that Netflix's
 * concurrency-limits algorithms adapt from the latency of admitted requests, and a request that
 * finds none is answered {@code 503} at once instead of queueing.
 */
@NullMarked
package io.zokio.engine.overload;

import org.jspecify.annotations.NullMarked;
