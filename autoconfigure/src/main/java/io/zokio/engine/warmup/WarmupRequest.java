package io.zokio.engine.warmup;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request the warm-up sends, again and again.
 *
 * @param method the method, such as {@code GET}
 * @param path the path, with its query if any
 * @param headers headers sent with it besides those the client adds
 * @param body the body, {@code null} for none
 */
public record WarmupRequest(String method, String path, Map<String, String> headers, @Nullable String body) {

	/**
	 * Create a request, keeping a copy of its headers.
	 * @param method the method
	 * @param path the path
	 * @param headers the headers
	 * @param body the body, {@code null} for none
	 */
	public WarmupRequest {
		headers = Map.copyOf(headers);
	}

	@Override
	public String toString() {
		return this.method + " " + this.path;
	}

}
