package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.quic.QuicStreamChannel;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatusClass;
import io.zokio.test.RawHttp3Connection;
import io.zokio.test.ServerTransport;
import io.zokio.test.TestApplication;
import io.zokio.test.TestHttp3;
import io.zokio.test.TestServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP/3's bytes and the guards that follow them, with Netty's own HTTP/3 client codec on a QUIC
 * connection whose reading the test controls, on every transport the QUIC server's event loop can
 * run on: each request stream's bytes counted exactly as they cross QUIC, and a client that takes a
 * response slower than the minimum rate, or stops taking it, cut as on HTTP/1.1 and HTTP/2, and
 * malformed or undecodable header fields refused as RFC 9114 says, with the server serving on.
 */
@ExtendWith(OutputCaptureExtension.class)
class Http3ProtectionIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final int WINDOW = 1_000_000;

	/**
	 * A QPACK field section (RFC 9204) of a GET of {@code /} from the static table, with a field
	 * {@code Bad: x} whose name is not lowercase: a malformed request (RFC 9114, section 4.2).
	 */
	private static final byte[] UPPERCASE_FIELD = { 0, 0, (byte) 0xD1, (byte) 0xC1, (byte) 0xD7, 0x50, 0x09, '1', '2',
			'7', '.', '0', '.', '0', '.', '1', 0x23, 'B', 'a', 'd', 0x01, 'x' };

	/**
	 * A QPACK field section whose only line refers to static table entry 190, of 99: a field section
	 * that cannot be decoded, a connection error (RFC 9204, section 2.2.3).
	 */
	private static final byte[] UNKNOWN_STATIC_ENTRY = { 0, 0, (byte) 0xFF, 0x7F };

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void countsEachRequestStreamsBytesAsTheyCrossQuic(ServerTransport transport) throws Exception {
		try (TestServer server = transport.start(TestHttp3.serverArgs());
				RawHttp3Connection connection = new RawHttp3Connection(server.port(), WINDOW)) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			RawHttp3Connection.Exchange download = connection.request("GET", "/bytes?size=300000", new byte[0]);
			RawHttp3Connection.Exchange upload = connection.request("POST", "/echo", "u".repeat(200_000).getBytes());
			assertThat(download.status()).isEqualTo(200);
			assertThat(upload.status()).isEqualTo(200);
			assertThat(download.ended().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(300_000);
			assertThat(upload.ended().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(200_000);
			await().atMost(TIMEOUT).until(() -> statistics.count(Count.IN_FLIGHT) == 0);
			assertThat(statistics.count(Count.BYTES_READ)).as("the requests' frames")
				.isEqualTo(download.bytesWritten() + upload.bytesWritten())
				.isGreaterThan(200_000);
			assertThat(statistics.count(Count.BYTES_WRITTEN)).as("the responses' frames")
				.isEqualTo(download.bytesRead() + upload.bytesRead())
				.isGreaterThan(500_000);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void cutsAClientThatReadsSlowerThanTheMinimumResponseRate(ServerTransport transport) throws Exception {
		long size = 256L * 1024 * 1024;
		ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
		try (TestServer server = transport.start(TestHttp3.serverArgs("--zokio.connections.min-response-rate.bytes-per-second=16000000",
				"--zokio.connections.min-response-rate.grace-period=1s"));
				RawHttp3Connection connection = new RawHttp3Connection(server.port(), 16 * 1024)) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			RawHttp3Connection.Exchange slow = connection.request("GET", "/bytes?size=" + size, new byte[0], false);
			reader.scheduleAtFixedRate(slow::read, 0, 20, TimeUnit.MILLISECONDS);
			assertThat(slow.ended().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isLessThan(size);
			await().atMost(TIMEOUT).until(() -> statistics.active() == 0);
			assertThat(statistics.count(CloseReason.RESPONSE_RATE)).isOne();
			assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
		}
		finally {
			reader.shutdownNow();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void cutsAClientThatStopsReadingAfterTheWriteTimeout(ServerTransport transport) throws Exception {
		try (TestServer server = transport.start(TestHttp3.serverArgs("--zokio.connections.write-timeout=1s",
				"--zokio.connections.min-response-rate.bytes-per-second=0"));
				RawHttp3Connection connection = new RawHttp3Connection(server.port(), 16 * 1024)) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			RawHttp3Connection.Exchange stopped = connection.request("GET", "/bytes?size=100000000", new byte[0], false);
			assertThat(stopped.ended().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
			await().atMost(TIMEOUT).until(() -> statistics.active() == 0);
			assertThat(statistics.count(CloseReason.REQUEST_TIMEOUT)).isOne();
			assertThat(statistics.count(CloseReason.RESPONSE_RATE)).isZero();
			assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void resetsAStreamWithAMalformedFieldAndClosesAConnectionWhoseFieldsCannotBeDecoded(ServerTransport transport,
			CapturedOutput output) throws Exception {
		try (TestServer server = transport.start(TestHttp3.serverArgs())) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			try (RawHttp3Connection connection = new RawHttp3Connection(server.port(), WINDOW)) {
				QuicStreamChannel malformed = connection.rawStream(headersFrame(UPPERCASE_FIELD), true);
				await().atMost(TIMEOUT).until(() -> !malformed.isOpen());
				assertThat(connection.request("GET", "/plaintext", new byte[0]).status()).as("the connection goes on")
					.isEqualTo(200);
				assertThat(statistics.count(Count.REQUESTS)).isEqualTo(2);
				assertThat(statistics.count(Count.DECODE_ERRORS)).as("the malformed stream").isOne();
				assertThat(statistics.count(StatusClass.SUCCESS)).isOne();
				assertThat(output.getOut()).as("a client's error, not the server's").doesNotContain("onUncaughtException");
				connection.rawStream(headersFrame(UNKNOWN_STATIC_ENTRY), true);
				await().atMost(TIMEOUT).until(() -> !connection.quic().isActive());
			}
			await().atMost(TIMEOUT).until(() -> statistics.active() == 0);
			assertThat(statistics.count(CloseReason.ERROR)).isOne();
			assertThat(statistics.count(Count.IN_FLIGHT)).isZero();
			assertThat(statistics.count(Count.REQUESTS)).isEqualTo(3);
			assertThat(statistics.count(Count.DECODE_ERRORS)).as("the undecodable field section").isEqualTo(2);
			assertThat(output.getOut()).as("counted, not logged as the server's error")
				.doesNotContain("Caught Http3Exception");
			try (RawHttp3Connection next = new RawHttp3Connection(server.port(), WINDOW)) {
				assertThat(next.request("GET", "/plaintext", new byte[0]).status()).isEqualTo(200);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void shedsAStreamWith503WhileDirectMemoryHasRunOutAndRecovers(ServerTransport transport) throws Exception {
		try (TestServer server = transport.start(TestHttp3.serverArgs("--zokio.buffer-pool.preallocate=16MB"));
				RawHttp3Connection connection = new RawHttp3Connection(server.port(), WINDOW)) {
			ConnectionStatistics statistics = server.context().getBean(ConnectionStatistics.class);
			BufferPool pool = server.context().getBean(BufferPool.class);
			assertThat(connection.request("GET", "/hold?mb=1024", new byte[0]).status()).isEqualTo(200);
			await().atMost(TIMEOUT)
				.until(() -> connection.request("GET", "/plaintext", new byte[0]).status() == 503);
			assertThat(statistics.count(Refusal.OVERLOADED)).isEqualTo(pool.guard().refusals()).isPositive();
			TestApplication.releaseHeld();
			await().atMost(TIMEOUT)
				.until(() -> connection.request("GET", "/plaintext", new byte[0]).status() == 200);
			assertThat(connection.quic().isActive()).as("the connection served throughout").isTrue();
		}
		finally {
			TestApplication.releaseHeld();
		}
	}

	private static byte[] headersFrame(byte[] fieldSection) {
		byte[] frame = new byte[fieldSection.length + 2];
		frame[0] = 0x01;
		frame[1] = (byte) fieldSection.length;
		System.arraycopy(fieldSection, 0, frame, 2, fieldSection.length);
		return frame;
	}

}
