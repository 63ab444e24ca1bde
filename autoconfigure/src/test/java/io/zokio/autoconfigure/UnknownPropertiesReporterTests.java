package io.zokio.autoconfigure;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key under {@code zokio.*} that Zokio does not have is named in a WARN with the closest key it
 * has; the keys it has are not.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownPropertiesReporterTests {

	private final Set<String> known = UnknownPropertiesReporter.knownNames(getClass().getClassLoader());

	@Test
	void readsTheNamesTheConfigurationProcessorListed() {
		assertThat(this.known).contains("zokio.connections.max", "zokio.transport.mode",
				"zokio.proxy-protocol.trusted-sources", "zokio.http2.max-control-frames");
	}

	@Test
	void warnsOfATypoNamingTheClosestProperty(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty("zokio.conections.max", "5")
			.withProperty("zokio.connections.max", "7")
			.withProperty("zokio.proxy-protocol.trusted-sources[0]", "10.0.0.0/8")
			.withProperty("server.port", "0");
		UnknownPropertiesReporter.report(environment, this.known);
		assertThat(output).contains("WARN")
			.contains("Zokio has no property zokio.conections.max; it is ignored. Did you mean zokio.connections.max?")
			.doesNotContain("no property zokio.connections.max")
			.doesNotContain("trusted-sources")
			.doesNotContain("server.port");
	}

	@Test
	void namesNoPropertyWhenNothingIsClose(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty("zokio.something-else-entirely", "on");
		UnknownPropertiesReporter.report(environment, this.known);
		assertThat(output).contains("Zokio has no property zokio.something-else-entirely; it is ignored")
			.doesNotContain("Did you mean");
	}

	@Test
	void saysNothingWhenEveryKeyIsKnown(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty("zokio.transport.mode", "nio")
			.withProperty("zokio.enabled", "true")
			.withProperty("zokio.warmup.requests[0].path", "/orders")
			.withProperty("zokio.warmup.requests[0].headers.Accept", "application/json")
			.withProperty("zokio.warmup.requests[1].body", "{}");
		UnknownPropertiesReporter.report(environment, this.known);
		assertThat(output).doesNotContain("Zokio has no property");
	}

}
