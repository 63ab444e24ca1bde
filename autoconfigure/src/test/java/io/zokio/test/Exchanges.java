package io.zokio.test;

import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.Refusal;

/**
 * Exchanges for listeners driven without a pipeline.
 */
public final class Exchanges {

	/**
	 * An exchange that is always read and ignores refusals.
	 */
	public static final Exchange NONE = new Exchange() {

		@Override
		public void refuse(Refusal refusal) {
		}

		@Override
		public boolean isReading() {
			return true;
		}

	};

	private Exchanges() {
	}

}
