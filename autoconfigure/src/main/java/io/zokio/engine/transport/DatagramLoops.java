package io.zokio.engine.transport;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.zokio.engine.selection.Attempt;
import io.zokio.engine.selection.Causes;
import io.zokio.engine.selection.Stage;

/**
 * The event loop of a QUIC server's datagrams: one thread of its own (a QUIC server reads one
 * datagram channel), on the first transport of the configured mode's order that loads and
 * starts.
 */
public final class DatagramLoops {

	private DatagramLoops() {
	}

	/**
	 * Create the event loop.
	 * @param prefix the name prefix of its thread
	 * @param mode the configured transport mode
	 * @return the loop resources, whose report says which transport runs and why the others did not
	 */
	public static ZokioLoopResources create(String prefix, TransportMode mode) {
		List<Attempt<Transport>> attempts = new ArrayList<>();
		for (TransportCandidate candidate : TransportCandidates.forMode(mode)) {
			Transport transport = candidate.transport();
			long start = System.nanoTime();
			Throwable unavailable = TransportSelector.unavailabilityCause(candidate);
			if (unavailable != null) {
				attempts.add(Attempt.failed(transport, Stage.LOAD, Causes.describe(unavailable),
						TransportSelector.micros(start)));
				continue;
			}
			EventLoopGroup group;
			try {
				group = new MultiThreadIoEventLoopGroup(1, new EventLoopThreadFactory(prefix), candidate.ioHandlerFactory());
			}
			catch (RuntimeException | LinkageError ex) {
				attempts.add(
						Attempt.failed(transport, Stage.INIT, Causes.describe(ex), TransportSelector.micros(start)));
				continue;
			}
			attempts.add(Attempt.selected(transport, Stage.INIT, TransportSelector.micros(start)));
			return new ZokioLoopResources(candidate, group,
					new TransportReport(transport, mode, false, attempts.size() > 1, 1, attempts));
		}
		throw new NativeTransportUnavailableException(attempts);
	}

}
