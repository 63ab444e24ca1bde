package io.zokio.engine.protection;

import java.time.Duration;

/**
 * The slowest a peer may move data, as Kestrel measures it: the bytes moved over the time in
 * which the peer could move them, averaged from the start, once that time has passed the grace
 * period.
 *
 * @param bytesPerSecond the minimum rate, {@code 0} for none
 * @param gracePeriod how long the rate is not checked after the data starts moving
 */
public record MinDataRate(long bytesPerSecond, Duration gracePeriod) {

	/**
	 * The shortest grace period: a few ticks of the sweeper that checks it.
	 */
	public static final Duration MIN_GRACE_PERIOD = Duration.ofSeconds(1);

	/**
	 * Kestrel's default for request bodies and responses: 240 bytes per second after 5 seconds.
	 */
	public static final MinDataRate DEFAULT = new MinDataRate(240, Duration.ofSeconds(5));

	/**
	 * No minimum.
	 */
	public static final MinDataRate OFF = new MinDataRate(0, MIN_GRACE_PERIOD);

	public MinDataRate {
		if (bytesPerSecond < 0) {
			throw new IllegalArgumentException("'bytesPerSecond' must be zero (off) or positive, was " + bytesPerSecond);
		}
		if (gracePeriod == null || gracePeriod.compareTo(MIN_GRACE_PERIOD) < 0) {
			throw new IllegalArgumentException("'gracePeriod' must be at least " + MIN_GRACE_PERIOD.toSeconds() + "s");
		}
	}

	/**
	 * Return whether there is a minimum.
	 * @return whether the rate is checked
	 */
	public boolean isOn() {
		return this.bytesPerSecond > 0;
	}

}
