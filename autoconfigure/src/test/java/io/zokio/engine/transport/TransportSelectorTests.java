package io.zokio.engine.transport;

import java.time.Duration;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.netty.util.internal.PlatformDependent;
import io.zokio.engine.selection.Attempt;
import io.zokio.engine.selection.Causes;
import io.zokio.engine.selection.Outcome;
import io.zokio.engine.selection.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

class TransportSelectorTests {

	private ZokioLoopResources resources;

	@AfterEach
	void disposeLoops() throws InterruptedException {
		if (this.resources != null) {
			this.resources.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
		}
		assertThat(EventLoopThreads.awaitAllEnded(5000)).isEmpty();
	}

	@Test
	void fallsBackStageByStageToTheFirstCandidateThatPassesAll() {
		TransportSelector selector = selector(false, TestCandidate.failingAt(Transport.IO_URING, Stage.LOAD,
				"no io_uring library"), TestCandidate.failingAt(Transport.EPOLL, Stage.INIT, "no ring"),
				TestCandidate.failingAt(Transport.KQUEUE, Stage.BIND, "cannot bind"),
				NioTransportCandidate.withDefaultSelector());
		this.resources = selector.select();
		TransportReport report = this.resources.report();
		assertThat(report.transport()).isEqualTo(Transport.NIO);
		assertThat(report.fallback()).isTrue();
		assertThat(report.attempts()).extracting(Attempt::candidate, Attempt::stage,
				Attempt::outcome, Attempt::cause)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(Transport.IO_URING, Stage.LOAD, Outcome.FAILED,
							"no io_uring library"),
					org.assertj.core.groups.Tuple.tuple(Transport.EPOLL, Stage.INIT, Outcome.FAILED,
							"no ring"),
					org.assertj.core.groups.Tuple.tuple(Transport.KQUEUE, Stage.BIND, Outcome.FAILED,
							"cannot bind"),
					org.assertj.core.groups.Tuple.tuple(Transport.NIO, Stage.BIND, Outcome.SELECTED,
							null));
		assertThat(selector.report()).isSameAs(report);
		assertThat(report.summary()).startsWith("Zokio transport: nio (mode auto, 2 event loop threads)")
			.contains("io_uring (load: no io_uring library)", "epoll (init: no ring)", "kqueue (bind: cannot bind)");
	}

	@Test
	void rehearsesUntilACandidatePassesEveryStageAndLeavesNoLoopRunning() throws InterruptedException {
		Transport rehearsed = TransportSelector.preload(List.of(
				TestCandidate.failingAt(Transport.IO_URING, Stage.LOAD, "no io_uring library"),
				TestCandidate.failingAt(Transport.EPOLL, Stage.BIND, "cannot bind"),
				NioTransportCandidate.withDefaultSelector(), TestCandidate.working(Transport.KQUEUE)));
		assertThat(rehearsed).isEqualTo(Transport.NIO);
		for (Thread thread : rehearsalThreads()) {
			thread.join(5000);
		}
		assertThat(rehearsalThreads()).isEmpty();
	}

	private static List<Thread> rehearsalThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(TransportSelector.REHEARSAL_THREAD_PREFIX) && thread.isAlive())
			.toList();
	}

	@Test
	void releasesTheEventLoopsOfACandidateThatFailedToBind() throws InterruptedException {
		this.resources = selector(false, TestCandidate.failingAt(Transport.EPOLL, Stage.BIND, "cannot bind"),
				NioTransportCandidate.withDefaultSelector())
			.select();
		for (Thread thread : EventLoopThreads.alive("epoll")) {
			thread.join(5000);
		}
		assertThat(EventLoopThreads.alive("epoll")).isEmpty();
		assertThat(this.resources.report().transport()).isEqualTo(Transport.NIO);
	}

	@Test
	void runsItsEventLoopsOnThreadsNamedAfterTheTransport() throws Exception {
		this.resources = selector(false, NioTransportCandidate.withDefaultSelector()).select();
		String threadName = this.resources.eventLoopGroup().submit(() -> Thread.currentThread().getName()).get();
		assertThat(threadName).startsWith("zokio-http-nio-");
		assertThat(this.resources.report().fallback()).isFalse();
		assertThat(this.resources.report().eventLoopThreads()).isEqualTo(2);
	}

	@Test
	void disposingReleasesEveryEventLoopThread() throws InterruptedException {
		this.resources = selector(false, NioTransportCandidate.withDefaultSelector()).select();
		this.resources.eventLoopGroup().forEach((loop) -> loop.execute(() -> {
		}));
		assertThat(EventLoopThreads.alive("nio")).hasSize(2);
		this.resources.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
		assertThat(this.resources.isDisposed()).isTrue();
		assertThat(EventLoopThreads.awaitAllEnded(5000)).isEmpty();
		this.resources = null;
	}

	@Test
	void requiringNativeFailsWithEveryAttemptAndNeverTriesNio() {
		TransportSelector selector = selector(true,
				TestCandidate.failingAt(Transport.EPOLL, Stage.LOAD, "epoll library missing"),
				TestCandidate.failingAt(Transport.IO_URING, Stage.INIT,
						"failed to create io_uring ring fd: Operation not permitted"),
				NioTransportCandidate.withDefaultSelector());
		assertThatExceptionOfType(NativeTransportUnavailableException.class).isThrownBy(selector::select)
			.withMessageContaining("zokio.transport.require-native=true")
			.withMessageContaining("epoll failed at load: epoll library missing")
			.withMessageContaining("io_uring failed at init: failed to create io_uring ring fd: Operation not permitted")
			.satisfies((ex) -> assertThat(ex.getAttempts()).hasSize(2));
		assertThat(EventLoopThreads.alive("nio")).isEmpty();
		assertThat(selector.report()).isNull();
	}

	@Test
	void requiringNativeSelectsAWorkingNativeTransport() {
		this.resources = selector(true, TestCandidate.working(Transport.EPOLL)).select();
		assertThat(this.resources.report().transport()).isEqualTo(Transport.EPOLL);
		assertThat(this.resources.report().requireNative()).isTrue();
	}

	@Test
	void failsWhenNoCandidateWorks() {
		TransportSelector selector = selector(false,
				TestCandidate.failingAt(Transport.NIO, Stage.INIT, "no selector"));
		assertThatIllegalStateException().isThrownBy(selector::select)
			.withMessageContaining("No transport could be used")
			.withMessageContaining("nio (init: no selector)");
	}

	@Test
	void warnsWhenTheRequestedTransportIsReplaced() {
		TransportSelector selector = new TransportSelector(
				new TransportSettings(TransportMode.IO_URING, false, 1, Duration.ofSeconds(5)),
				() -> List.of(TestCandidate.failingAt(Transport.IO_URING, Stage.INIT, "EPERM"),
						NioTransportCandidate.withDefaultSelector()));
		this.resources = selector.select();
		assertThat(this.resources.report().requestedUnavailable()).isTrue();
	}

	@Test
	void selectsTheFirstNativeTransportOfTheAutoOrderThatThisHostRuns() {
		assumeThat(Epoll.isAvailable()).as("epoll available").isTrue();
		this.resources = new TransportSelector(TransportSettings.of(TransportMode.AUTO, true)).select();
		Transport expected = IoUring.isAvailable() ? Transport.IO_URING : Transport.EPOLL;
		assertThat(this.resources.report().transport()).isEqualTo(expected);
		assertThat(this.resources.report().fallback()).isEqualTo(expected == Transport.EPOLL);
	}

	@Test
	void autoOrderPrefersIoUringThenEpollAndKeepsNioLast() {
		assertThat(TransportMode.AUTO.order()).containsExactly(Transport.IO_URING, Transport.EPOLL, Transport.KQUEUE,
				Transport.NIO);
		assertThat(TransportMode.EPOLL.order()).containsExactly(Transport.EPOLL, Transport.IO_URING,
				Transport.KQUEUE, Transport.NIO);
		assertThat(TransportMode.NIO.order()).startsWith(Transport.NIO);
	}

	@Test
	void endsEachReadLoopOfAnIoUringConnectionAfterOneReceiveWithOrWithoutProvidedBuffers() {
		ProvidedBuffers ring = new ProvidedBuffers(16, 1024, () -> Unpooled.directBuffer(1024));
		for (ProvidedBuffers buffers : List.of(ProvidedBuffers.NONE, ring)) {
			Object reads = new IoUringTransportCandidate(buffers).childOptions().get(ChannelOption.RCVBUF_ALLOCATOR);
			assertThat(reads).isInstanceOfSatisfying(MaxMessagesRecvByteBufAllocator.class,
					(allocator) -> assertThat(allocator.maxMessagesPerRead()).isOne());
		}
	}

	@Test
	void requestingATransportOfAnotherSystemFailsItAtLoad() {
		assumeThat(PlatformDependent.normalizedOs()).isEqualTo("linux");
		List<TransportCandidate> candidates = TransportCandidates.forMode(TransportMode.KQUEUE);
		assertThat(candidates.get(0).transport()).isEqualTo(Transport.KQUEUE);
		assertThat(candidates.get(0).unavailabilityCause()).hasMessage("kqueue is not supported on linux");
		assertThat(TransportCandidates.forMode(TransportMode.AUTO)).extracting(TransportCandidate::transport)
			.containsExactly(Transport.IO_URING, Transport.EPOLL, Transport.NIO, Transport.NIO);
	}

	@Test
	void describesAFailureByItsRootCauseAndWhatItSuppressed() {
		UnsatisfiedLinkError root = new UnsatisfiedLinkError("could not load a native library: netty_epoll");
		root.addSuppressed(new UnsatisfiedLinkError("/tmp/libnetty.so: failed to map segment from shared object"));
		IllegalStateException failure = new IllegalStateException("failed to load", root);
		assertThat(Causes.describe(failure)).isEqualTo(
				"could not load a native library: netty_epoll; /tmp/libnetty.so: failed to map segment from shared object");
		assertThat(Causes.describe(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
	}

	private static TransportSelector selector(boolean requireNative, TransportCandidate... candidates) {
		return new TransportSelector(new TransportSettings(TransportMode.AUTO, requireNative, 2, Duration.ofSeconds(5)),
				() -> List.of(candidates));
	}

}
