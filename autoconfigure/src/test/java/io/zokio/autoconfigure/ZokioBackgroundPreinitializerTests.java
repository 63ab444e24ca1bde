package io.zokio.autoconfigure;

import io.zokio.engine.transport.TransportMode;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Zokio loads its native transports ahead of the selection, and which.
 */
class ZokioBackgroundPreinitializerTests {

	@Test
	void preloadsTheConfiguredModeOnSeveralProcessors() {
		assertThat(ZokioBackgroundPreinitializer.modeToPreload(new MockEnvironment(), 2)).isEqualTo(TransportMode.AUTO);
		assertThat(ZokioBackgroundPreinitializer
			.modeToPreload(new MockEnvironment().withProperty("zokio.transport.mode", "io-uring"), 4))
			.isEqualTo(TransportMode.IO_URING);
	}

	@Test
	void preloadsNothingOnOneProcessor() {
		assertThat(ZokioBackgroundPreinitializer.modeToPreload(new MockEnvironment(), 1)).isNull();
	}

	@Test
	void preloadsNothingWhenZokioIsDisabledOrPreinitializationIgnored() {
		assertThat(ZokioBackgroundPreinitializer
			.modeToPreload(new MockEnvironment().withProperty("zokio.enabled", "false"), 2)).isNull();
		assertThat(ZokioBackgroundPreinitializer
			.modeToPreload(new MockEnvironment().withProperty(ZokioBackgroundPreinitializer.IGNORE, "true"), 2))
			.isNull();
	}

	@Test
	void leavesAnUnknownModeToTheStartToReport() {
		assertThat(ZokioBackgroundPreinitializer
			.modeToPreload(new MockEnvironment().withProperty("zokio.transport.mode", "fastest"), 2)).isNull();
	}

}
