package io.zokio.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.zokio.engine.pipeline.ResponseKind;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.ConnectionTracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The statistics recording path: what every request and every connection costs. Run with
 * {@code -prof gc} to see the allocation per operation (0 B/op expected for a request).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StatisticsRecordingBenchmark {

	@State(Scope.Benchmark)
	public static class Shared {

		final ConnectionStatistics statistics = new ConnectionStatistics(Duration.ofSeconds(60));

	}

	@State(Scope.Thread)
	public static class Connection {

		ConnectionTracker tracker;

		@Setup(Level.Trial)
		public void open(Shared shared) {
			this.tracker = shared.statistics.connectionAccepted();
		}

	}

	/**
	 * One keep-alive request: bytes read, request decoded, response started, bytes written, last
	 * byte written.
	 * @param connection the connection, one per thread
	 * @return the tracker, so that nothing is eliminated
	 */
	@Benchmark
	@Threads(1)
	public ConnectionTracker request(Connection connection) {
		return exchange(connection.tracker);
	}

	/**
	 * The same request, on two threads recording into the same statistics.
	 * @param connection the connection, one per thread
	 * @return the tracker
	 */
	@Benchmark
	@Threads(2)
	public ConnectionTracker requestContended(Connection connection) {
		return exchange(connection.tracker);
	}

	/**
	 * A connection's whole life with one request: accepted, one exchange, closed.
	 * @param shared the statistics
	 * @return the tracker
	 */
	@Benchmark
	@Threads(1)
	public ConnectionTracker connectionWithOneRequest(Shared shared) {
		ConnectionTracker tracker = shared.statistics.connectionAccepted();
		exchange(tracker);
		tracker.closed();
		return tracker;
	}

	private static ConnectionTracker exchange(ConnectionTracker tracker) {
		tracker.bytesRead(78);
		tracker.requestReceived(false);
		tracker.responseStarted(200, ResponseKind.SIZED);
		tracker.bytesWritten(102);
		tracker.responseEnded(true);
		return tracker;
	}

}
