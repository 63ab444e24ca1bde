package io.zokio.actuate.endpoint;

import java.util.List;

import io.zokio.engine.protection.ProxyProtocolPolicy;
import io.zokio.engine.protection.ServerConnections;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code proxyProtocol} section of the {@link ZokioEndpoint}: whose PROXY protocol headers the
 * server takes.
 *
 * @param mode {@code off}, {@code on} or {@code auto}
 * @param trustedSources the ranges whose headers are taken, empty when every peer's are
 * @param untrustedRefused connections refused for a header from a peer outside them
 */
public record ProxyProtocolDescriptor(String mode, List<String> trustedSources,
		long untrustedRefused) implements OperationResponseBody {

	static @Nullable ProxyProtocolDescriptor of(@Nullable ServerConnections connections) {
		if (connections == null) {
			return null;
		}
		ProxyProtocolPolicy policy = connections.proxyProtocol();
		return new ProxyProtocolDescriptor(policy.mode(), policy.trustedSources(), policy.untrustedRefusals());
	}

}
