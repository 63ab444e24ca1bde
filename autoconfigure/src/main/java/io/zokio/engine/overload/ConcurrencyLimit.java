package io.zokio.engine.overload;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.Limit;
import io.netty.handler.codec.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concurrency limit of a server's requests: slots whose number a {@link Limit} algorithm adapts
 * from the time between a request's head and its response's head, the paths that pass without a
 * slot, and the count of requests shed. Shedding is logged at WARN at most once a minute, with what
 * was shed since.
 * <p>
 * It does what concurrency-limits' {@code SimpleLimiter} does around the same algorithm (a slot is
 * taken while fewer than the limit are in flight; each slot given back after a response head is a
 * sample of its latency and of the requests in flight when it was taken) without allocating: a slot
 * is a {@code long} holding both, where the library makes three objects a request.
 */
public final class ConcurrencyLimit {

	static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private static final Logger logger = LoggerFactory.getLogger(ConcurrencyLimit.class);

	/**
	 * The slot of a request that takes none, an exempt path. Giving it back does nothing.
	 */
	static final long NO_SLOT = 0;

	/**
	 * What {@link #admit} returns for a request to be shed.
	 */
	static final long SHED = -1;

	private static final int IN_FLIGHT_BITS = 20;

	private static final long IN_FLIGHT_MASK = (1L << IN_FLIGHT_BITS) - 1;

	private static final long ELAPSED_MASK = (1L << (Long.SIZE - 1 - IN_FLIGHT_BITS)) - 1;

	private final String algorithm;

	private final Limit limit;

	private volatile int currentLimit;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final long originNanos;

	private final String[] exemptPaths;

	private final LongSupplier nanoClock;

	private final LongAdder shed = new LongAdder();

	private final AtomicLong lastWarningNanos;

	private final AtomicLong shedAtLastWarning = new AtomicLong();

	/**
	 * Create a limit.
	 * @param algorithm the algorithm's name, as reported
	 * @param limit the algorithm, whose limit is at most 1000000
	 * @param exemptPaths the request paths that are never limited, each with the paths below it
	 * @param nanoClock the clock of request latencies and of the warnings
	 */
	public ConcurrencyLimit(String algorithm, Limit limit, List<String> exemptPaths, LongSupplier nanoClock) {
		this.algorithm = algorithm;
		this.limit = limit;
		this.currentLimit = limit.getLimit();
		limit.notifyOnChange((changed) -> this.currentLimit = changed);
		this.exemptPaths = List.copyOf(exemptPaths).toArray(String[]::new);
		this.nanoClock = nanoClock;
		this.originNanos = nanoClock.getAsLong();
		this.lastWarningNanos = new AtomicLong(this.originNanos - WARNING_INTERVAL_NANOS);
	}

	/**
	 * Take a slot for a request, unless its path is exempt.
	 * @param request the request head
	 * @return the slot, to be given back exactly once; {@link #NO_SLOT} for an exempt path;
	 * {@link #SHED} when the request is to be shed
	 */
	long admit(HttpRequest request) {
		if (isExempt(request.uri())) {
			return NO_SLOT;
		}
		int current;
		do {
			current = this.inFlight.get();
			if (current >= this.currentLimit) {
				return SHED;
			}
		}
		while (!this.inFlight.compareAndSet(current, current + 1));
		long elapsed = (this.nanoClock.getAsLong() - this.originNanos) & ELAPSED_MASK;
		return (elapsed << IN_FLIGHT_BITS) | (current + 1);
	}

	/**
	 * Give back a slot taken by {@link #admit}.
	 * @param slot the slot; {@link #NO_SLOT} and {@link #SHED} hold none
	 * @param answered whether the request's response head was written, which makes the time since
	 * the slot was taken a sample for the algorithm (kept to about 2.4 hours, beyond which it wraps);
	 * otherwise the slot is given back without one
	 */
	void release(long slot, boolean answered) {
		if (slot <= NO_SLOT) {
			return;
		}
		this.inFlight.decrementAndGet();
		if (answered) {
			long now = this.nanoClock.getAsLong();
			long rtt = (now - this.originNanos - (slot >>> IN_FLIGHT_BITS)) & ELAPSED_MASK;
			this.limit.onSample(now - rtt, rtt, (int) (slot & IN_FLIGHT_MASK), false);
		}
	}

	/**
	 * Count a request answered {@code 503} for the limit (not one that another refusal answered
	 * first), and warn if none was written for a minute.
	 */
	void shedOne() {
		this.shed.increment();
		long now = this.nanoClock.getAsLong();
		long last = this.lastWarningNanos.get();
		if (now - last >= WARNING_INTERVAL_NANOS && this.lastWarningNanos.compareAndSet(last, now)) {
			long shed = this.shed.sum();
			logger.warn("Zokio overload: {} requests in flight at the concurrency limit of {} ({}); answering 503 "
					+ "to the requests beyond it, {} since the last warning", inFlight(), limit(), this.algorithm,
					shed - this.shedAtLastWarning.getAndSet(shed));
		}
	}

	boolean isExempt(String uri) {
		if (this.exemptPaths.length == 0) {
			return false;
		}
		int start = 0;
		if (!uri.startsWith("/")) {
			int authority = uri.indexOf("://");
			start = (authority < 0) ? -1 : uri.indexOf('/', authority + 3);
			if (start < 0) {
				return false;
			}
		}
		int query = uri.indexOf('?', start);
		int end = (query < 0) ? uri.length() : query;
		for (String exempt : this.exemptPaths) {
			int length = exempt.length();
			if (uri.startsWith(exempt, start) && (end - start == length || uri.charAt(start + length) == '/')) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the name of the algorithm.
	 * @return the name
	 */
	public String algorithm() {
		return this.algorithm;
	}

	/**
	 * Return the current limit.
	 * @return the most requests served at once
	 */
	public int limit() {
		return this.currentLimit;
	}

	/**
	 * Return the requests that hold a slot now.
	 * @return the requests in flight
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Return how many requests were shed since the server started.
	 * @return the requests answered {@code 503} for the limit
	 */
	public long shed() {
		return this.shed.sum();
	}

	/**
	 * Return the paths that are never limited.
	 * @return the paths
	 */
	public List<String> exemptPaths() {
		return List.of(this.exemptPaths);
	}

}
