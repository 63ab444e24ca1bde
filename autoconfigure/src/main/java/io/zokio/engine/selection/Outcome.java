package io.zokio.engine.selection;

import java.util.Locale;

/**
 * How one attempt ended.
 */
public enum Outcome {

	/**
	 * The candidate failed at a stage and was not used.
	 */
	FAILED,

	/**
	 * The candidate passed every stage and was selected.
	 */
	SELECTED;

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
