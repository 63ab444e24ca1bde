package io.zokio.actuate.endpoint;

import java.util.List;

import io.zokio.engine.overload.ConcurrencyLimit;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code overload} section of the {@link ZokioEndpoint}: the concurrency limit of the server's
 * requests as it stands.
 *
 * @param algorithm the algorithm: {@code gradient2}, {@code vegas}, {@code aimd} or {@code fixed}
 * @param limit the most requests served at once now
 * @param inFlight the requests that hold a slot now
 * @param shed the requests answered {@code 503} for the limit since the server started
 * @param exemptPaths the request paths never limited, with the paths below them
 */
public record OverloadDescriptor(String algorithm, int limit, int inFlight, long shed,
		List<String> exemptPaths) implements OperationResponseBody {

	static @Nullable OverloadDescriptor of(@Nullable ConcurrencyLimit limit) {
		if (limit == null) {
			return null;
		}
		return new OverloadDescriptor(limit.algorithm(), limit.limit(), limit.inFlight(), limit.shed(),
				limit.exemptPaths());
	}

}
