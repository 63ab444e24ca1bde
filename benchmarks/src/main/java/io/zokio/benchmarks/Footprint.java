package io.zokio.benchmarks;

import java.time.Duration;

import io.zokio.engine.stats.ConnectionStatistics;

/**
 * Prints, as one JSON line, the memory the engine's bookkeeping holds outside the buffer pool,
 * whatever the number of connections.
 */
public final class Footprint {

	private Footprint() {
	}

	public static void main(String[] args) {
		ConnectionStatistics statistics = new ConnectionStatistics(Duration.ofSeconds(60));
		System.out.println("{\"statisticsBytes\":" + statistics.estimatedFootprintBytes() + "}");
	}

}
