package io.zokio.test;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A client that sends or reads at its own slow pace: a step every {@value #TICK_MILLIS}
 * milliseconds, on its own thread, until the server closes the connection or the peer is closed.
 */
public final class SlowPeer implements AutoCloseable {

	/**
	 * The time between two steps.
	 */
	public static final long TICK_MILLIS = 50;

	private final ScheduledExecutorService steps = Executors.newSingleThreadScheduledExecutor();

	/**
	 * Send a piece every tick until sending fails.
	 * @param piece sends one piece
	 */
	public void trickle(Send piece) {
		this.steps.scheduleAtFixedRate(() -> {
			try {
				piece.send();
			}
			catch (IOException closedByTheServer) {
				throw new IllegalStateException(closedByTheServer);
			}
		}, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Read at most the given bytes every tick until the stream ends or fails.
	 * @param in the stream
	 * @param bytesPerTick the most bytes one step reads
	 * @return the bytes read in all, once the stream ended or failed
	 */
	public CompletableFuture<Long> read(InputStream in, int bytesPerTick) {
		CompletableFuture<Long> total = new CompletableFuture<>();
		byte[] buffer = new byte[bytesPerTick];
		long[] read = new long[1];
		this.steps.scheduleAtFixedRate(() -> {
			int n;
			try {
				n = in.read(buffer);
			}
			catch (IOException closedByTheServer) {
				n = -1;
			}
			if (n < 0) {
				total.complete(read[0]);
				throw new IllegalStateException("ended");
			}
			read[0] += n;
		}, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
		return total;
	}

	@Override
	public void close() throws InterruptedException {
		this.steps.shutdownNow();
		this.steps.awaitTermination(10, TimeUnit.SECONDS);
	}

	/**
	 * One piece a slow client sends.
	 */
	@FunctionalInterface
	public interface Send {

		/**
		 * Send the piece.
		 * @throws IOException when the connection is closed
		 */
		void send() throws IOException;

	}

}
