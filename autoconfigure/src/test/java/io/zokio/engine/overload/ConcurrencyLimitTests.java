package io.zokio.engine.overload;

import java.util.List;

import com.netflix.concurrency.limits.limit.FixedLimit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which request targets an exempt path covers: the path itself and the paths below it, in origin or
 * absolute form, whatever the query; never a path that only starts with the same characters.
 */
class ConcurrencyLimitTests {

	private final ConcurrencyLimit limit = new ConcurrencyLimit("fixed", FixedLimit.of(1),
			List.of("/actuator/health", "/ping"), System::nanoTime);

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "/actuator/health, true", "/actuator/health/readiness, true", "/actuator/health?x=1, true",
			"/actuator/health/liveness?x=/y, true", "http://a/actuator/health, true", "https://a:8443/ping?q, true",
			"/ping, true", "/actuator/healthz, false", "/actuator, false", "/pingpong, false", "/, false",
			"http://a, false", "/other/actuator/health, false", "*, false" })
	void exemptsAPathAndThePathsBelowIt(String target, boolean exempt) {
		assertThat(this.limit.isExempt(target)).isEqualTo(exempt);
	}

}
