package io.zokio.engine.buffer;

/**
 * Thrown, when the pool is configured to fail fast, because the requested pool cannot be had.
 */
public final class BufferPoolUnavailableException extends IllegalStateException {

	BufferPoolUnavailableException(long requested, long available, String why) {
		super("The buffer pool of " + requested + " bytes (zokio.buffer-pool.preallocate) cannot be reserved: "
				+ why + "; " + available + " bytes are available. zokio.buffer-pool.fail-fast=true stops startup "
				+ "instead of shrinking the pool or falling back to heap buffers.");
	}

}
