package io.zokio.engine.stats;

import org.jspecify.annotations.Nullable;

/**
 * The class of an HTTP response status.
 */
public enum StatusClass {

	/**
	 * 1xx informational.
	 */
	INFORMATIONAL("1xx"),

	/**
	 * 2xx success.
	 */
	SUCCESS("2xx"),

	/**
	 * 3xx redirection.
	 */
	REDIRECTION("3xx"),

	/**
	 * 4xx client error.
	 */
	CLIENT_ERROR("4xx"),

	/**
	 * 5xx server error.
	 */
	SERVER_ERROR("5xx");

	private static final StatusClass[] VALUES = values();

	private final String id;

	StatusClass(String id) {
		this.id = id;
	}

	/**
	 * Return the name used in reports and meter tags.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the class of a status code.
	 * @param status the status code
	 * @return the class, or {@code null} for a code outside 100 to 599
	 */
	public static @Nullable StatusClass of(int status) {
		int index = status / 100 - 1;
		return (index >= 0 && index < VALUES.length) ? VALUES[index] : null;
	}

}
