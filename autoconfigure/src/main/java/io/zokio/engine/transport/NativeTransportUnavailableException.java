package io.zokio.engine.transport;

import java.util.List;

import io.zokio.engine.selection.Attempt;
import io.zokio.engine.selection.UnavailableException;

/**
 * Thrown when a native transport is required but every native transport failed.
 */
public final class NativeTransportUnavailableException extends UnavailableException {

	NativeTransportUnavailableException(List<Attempt<Transport>> attempts) {
		super("A native transport is required (zokio.transport.require-native=true) but none could be used:",
				attempts.stream().filter((attempt) -> attempt.candidate().isNative()).toList());
	}

}
