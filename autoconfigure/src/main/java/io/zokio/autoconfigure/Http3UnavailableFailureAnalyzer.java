package io.zokio.autoconfigure;

import io.zokio.engine.http3.Http3UnavailableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because HTTP/3 was required and a stage of its start failed.
 */
class Http3UnavailableFailureAnalyzer extends AbstractFailureAnalyzer<Http3UnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, Http3UnavailableException cause) {
		String action = switch (cause.getStage()) {
			case LOAD -> "Make the native QUIC library loadable: netty-codec-native-quic for this platform on the "
					+ "classpath and an executable java.io.tmpdir (or io.netty.native.workdir)";
			case INIT -> "Give the server TLS key material QUIC can use (server.ssl.bundle or server.ssl.key-store): "
					+ "HTTP/3 always runs over TLS 1.3";
			default -> "Free the server's port for UDP, or serve HTTP/3 on a host where UDP can be bound";
		};
		return new FailureAnalysis(cause.getMessage(), action
				+ ", or set zokio.http3.required=false to serve HTTP/1.1 and HTTP/2 without HTTP/3.", cause);
	}

}
