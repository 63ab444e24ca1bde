/**
 * Connection statistics: a per-connection state machine, exact aggregate counters and latency
 * percentiles, recorded by Netty handlers without locks or per-request allocation.
 */
@NullMarked
package io.zokio.engine.stats;

import org.jspecify.annotations.NullMarked;
