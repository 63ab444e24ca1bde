package io.zokio.autoconfigure;

import io.zokio.engine.transport.NativeTransportUnavailableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because a native transport was required and none could be used.
 */
class NativeTransportUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<NativeTransportUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NativeTransportUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Make a native transport loadable (see the causes above: native library jar on the classpath, "
						+ "an executable io.netty.native.workdir, a seccomp profile that allows the transport's "
						+ "system calls), or set zokio.transport.require-native=false to allow the NIO fallback.",
				cause);
	}

}
