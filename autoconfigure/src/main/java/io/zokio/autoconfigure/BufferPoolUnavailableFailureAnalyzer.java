package io.zokio.autoconfigure;

import io.zokio.engine.buffer.BufferPoolUnavailableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because the buffer pool could not be reserved and
 * {@code zokio.buffer-pool.fail-fast} is on.
 */
class BufferPoolUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<BufferPoolUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BufferPoolUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Give the JVM more direct memory (-XX:MaxDirectMemorySize, or a larger container limit), lower "
						+ "zokio.buffer-pool.preallocate, or set zokio.buffer-pool.fail-fast=false to let the pool "
						+ "shrink or fall back to heap buffers.",
				cause);
	}

}
