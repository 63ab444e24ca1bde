package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Warm-up settings ({@code zokio.warmup.*}): real requests sent through the server over loopback
 * after it starts and before readiness accepts traffic, so that the first users meet a compiled
 * request path.
 */
public class WarmupProperties {

	/**
	 * Whether to warm the server up before readiness becomes ACCEPTING_TRAFFIC.
	 */
	private boolean enabled;

	/**
	 * Requests the warm-up sends in turn, on every protocol the server speaks. Empty: a GET of the
	 * health endpoint's ping on the server port (management.endpoints.web.base-path followed by
	 * /health/ping), which runs the codec, the pipeline and WebFlux's dispatch without an
	 * application side effect, and answers 200 while readiness still refuses traffic.
	 */
	private List<Request> requests = new ArrayList<>();

	/**
	 * Longest the warm-up runs. Readiness waits for it; a warm-up whose latency has not settled by
	 * then has failed.
	 */
	private Duration duration = Duration.ofSeconds(60);

	/**
	 * Most requests the warm-up sends.
	 */
	private int maxRequests = 100_000;

	/**
	 * Requests in flight at once. Defaults to twice the available processors, enough to keep
	 * every core busy.
	 */
	private @Nullable Integer concurrency;

	/**
	 * Whether a warm-up that fails (a request answered 5xx or failed, or the time ran out) fails
	 * the start. When false it is logged and readiness follows as without a warm-up.
	 */
	private boolean required;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<Request> getRequests() {
		return this.requests;
	}

	public void setRequests(List<Request> requests) {
		this.requests = requests;
	}

	public Duration getDuration() {
		return this.duration;
	}

	public void setDuration(Duration duration) {
		this.duration = duration;
	}

	public int getMaxRequests() {
		return this.maxRequests;
	}

	public void setMaxRequests(int maxRequests) {
		this.maxRequests = maxRequests;
	}

	public @Nullable Integer getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(@Nullable Integer concurrency) {
		this.concurrency = concurrency;
	}

	/**
	 * Return the requests in flight at once: the number set, or twice the available processors.
	 * @return the concurrency
	 */
	public int concurrency() {
		return (this.concurrency != null) ? this.concurrency : 2 * Runtime.getRuntime().availableProcessors();
	}

	public boolean isRequired() {
		return this.required;
	}

	public void setRequired(boolean required) {
		this.required = required;
	}

	/**
	 * A request the warm-up sends.
	 */
	public static class Request {

		/**
		 * Method of the request.
		 */
		private String method = "GET";

		/**
		 * Path of the request, with its query if any.
		 */
		private @Nullable String path;

		/**
		 * Headers sent with the request.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Body of the request, sent as UTF-8; none when not set.
		 */
		private @Nullable String body;

		public String getMethod() {
			return this.method;
		}

		public void setMethod(String method) {
			this.method = method;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public @Nullable String getBody() {
			return this.body;
		}

		public void setBody(@Nullable String body) {
			this.body = body;
		}

	}

}
