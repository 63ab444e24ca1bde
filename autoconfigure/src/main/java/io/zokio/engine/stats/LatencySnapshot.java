package io.zokio.engine.stats;

import org.HdrHistogram.AbstractHistogram;

/**
 * Request latency percentiles, in microseconds.
 *
 * @param count the number of requests measured
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the largest latency
 */
public record LatencySnapshot(long count, long p50, long p90, long p99, long p999, long max) {

	static LatencySnapshot of(AbstractHistogram histogram) {
		if (histogram.getTotalCount() == 0) {
			return new LatencySnapshot(0, 0, 0, 0, 0, 0);
		}
		return new LatencySnapshot(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
				histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
				histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
	}

}
