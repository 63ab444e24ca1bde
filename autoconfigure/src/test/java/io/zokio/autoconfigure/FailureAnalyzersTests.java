package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.BufferPoolSettings;
import io.zokio.engine.buffer.BufferPoolUnavailableException;
import io.zokio.engine.buffer.MemoryLimits;
import io.zokio.engine.selection.Stage;
import io.zokio.engine.transport.NativeTransportUnavailableException;
import io.zokio.engine.transport.TestCandidate;
import io.zokio.engine.transport.Transport;
import io.zokio.engine.transport.TransportMode;
import io.zokio.engine.transport.TransportSelector;
import io.zokio.engine.transport.TransportSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What Boot's report says when the transport or the buffer pool could not be had, for failures
 * made by the real selector and pool.
 */
class FailureAnalyzersTests {

	private static final long MB = 1024 * 1024;

	@Test
	void listsEveryNativeTransportsStageAndCauseAndNamesTheWayOut() {
		TransportSelector selector = new TransportSelector(
				new TransportSettings(TransportMode.AUTO, true, 1, Duration.ofSeconds(5)),
				() -> List.of(TestCandidate.failingAt(Transport.IO_URING, Stage.INIT, "ring fd: Operation not permitted"),
						TestCandidate.failingAt(Transport.EPOLL, Stage.LOAD, "no native library")));
		NativeTransportUnavailableException failure = catchThrowableOfType(NativeTransportUnavailableException.class,
				selector::select);
		FailureAnalysis analysis = new NativeTransportUnavailableFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("io_uring failed at init: ring fd: Operation not permitted")
			.contains("epoll failed at load: no native library");
		assertThat(analysis.getAction()).contains("zokio.transport.require-native=false");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void explainsAPoolThatCouldNotBeReservedAndNamesTheProperties() {
		BufferPoolSettings failFast = new BufferPoolSettings(64L * MB, true, 2, 8192, 4 * (int) MB, true, 256, 64,
				true);
		BufferPoolUnavailableException failure = catchThrowableOfType(BufferPoolUnavailableException.class,
				() -> BufferPool.create(failFast, new MemoryLimits(40L * MB, 0, 1024L * MB, -1)));
		FailureAnalysis analysis = new BufferPoolUnavailableFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo(failure.getMessage()).contains("bytes");
		assertThat(analysis.getAction()).contains("-XX:MaxDirectMemorySize")
			.contains("zokio.buffer-pool.preallocate")
			.contains("zokio.buffer-pool.fail-fast=false");
	}

}
