package io.zokio.engine.overload;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.netty.handler.codec.http.HttpRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concurrency limit of a server's requests: a {@link SimpleLimiter} whose limit a
 * {@link Limit} algorithm adapts from the time between a request's head and its response's head,
 * the paths that pass without a slot, and the count of requests shed. Shedding is logged at WARN
 * at most once a minute, with what was shed since.
 */
public final class ConcurrencyLimit {

	static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private static final Logger logger = LoggerFactory.getLogger(ConcurrencyLimit.class);

	/**
	 * The slot of a request that takes none: an exempt path, or a request shed. Giving it back does
	 * nothing.
	 */
	static final Limiter.Listener NO_SLOT = new Limiter.Listener() {

		@Override
		public void onSuccess() {
		}

		@Override
		public void onIgnore() {
		}

		@Override
		public void onDropped() {
		}

	};

	private final String algorithm;

	private final SimpleLimiter<HttpRequest> limiter;

	private final List<String> exemptPaths;

	private final LongSupplier nanoClock;

	private final LongAdder shed = new LongAdder();

	private final AtomicLong lastWarningNanos;

	private final AtomicLong shedAtLastWarning = new AtomicLong();

	/**
	 * Create a limit.
	 * @param algorithm the algorithm's name, as reported
	 * @param limit the algorithm
	 * @param exemptPaths the request paths that are never limited, each with the paths below it
	 * @param nanoClock the clock of request latencies and of the warnings
	 */
	public ConcurrencyLimit(String algorithm, Limit limit, List<String> exemptPaths, LongSupplier nanoClock) {
		this.algorithm = algorithm;
		this.limiter = SimpleLimiter.newBuilder().named("zokio").limit(limit).nanoClock(nanoClock).build();
		this.exemptPaths = List.copyOf(exemptPaths);
		this.nanoClock = nanoClock;
		this.lastWarningNanos = new AtomicLong(nanoClock.getAsLong() - WARNING_INTERVAL_NANOS);
	}

	/**
	 * Take a slot for a request, unless its path is exempt.
	 * @param request the request head
	 * @return the slot, to be released exactly once; {@code null} when the request is to be shed
	 */
	Limiter.@Nullable Listener admit(HttpRequest request) {
		if (isExempt(request.uri())) {
			return NO_SLOT;
		}
		return this.limiter.acquire(request).orElse(null);
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
		if (this.exemptPaths.isEmpty()) {
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
		return this.limiter.getLimit();
	}

	/**
	 * Return the requests that hold a slot now.
	 * @return the requests in flight
	 */
	public int inFlight() {
		return this.limiter.getInflight();
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
		return this.exemptPaths;
	}

}
