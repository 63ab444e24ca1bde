package io.zokio.engine.stats;

import io.netty.handler.codec.http.HttpRequest;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.ResponseKind;
import org.jspecify.annotations.Nullable;

/**
 * Follows one HTTP/2 stream: its request, its response's status and the write of its last byte,
 * recorded on its connection's tracker. Streams run on their connection's event loop, so the
 * tracker is used on one thread.
 */
final class StreamTracker implements ExchangeListener {

	private final ConnectionTracker connection;

	private final ExchangeTiming timing;

	private boolean started;

	private boolean ended;

	StreamTracker(ConnectionTracker connection) {
		this.connection = connection;
		this.timing = connection.streamTiming();
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		start(request.decoderResult().isFailure());
		return null;
	}

	@Override
	public void informationalResponse(int status) {
		this.connection.informationalResponse(status);
	}

	@Override
	public boolean responseStarted(int status, ResponseKind kind) {
		start(false);
		this.connection.streamResponseStarted(status, kind, this.timing);
		return false;
	}

	@Override
	public void responseEnded(boolean written) {
		end(written);
	}

	@Override
	public void refused(Refusal refusal) {
		this.connection.refused(refusal);
	}

	/**
	 * Count the malformed stream as a request that could not be decoded; its close ends it.
	 */
	@Override
	public void malformed() {
		start(true);
	}

	@Override
	public void closed() {
		end(false);
	}

	private void start(boolean decodeFailed) {
		if (!this.started) {
			this.started = true;
			this.timing.start(this.connection.streamStarted(decodeFailed));
		}
	}

	private void end(boolean answered) {
		if (this.started && !this.ended) {
			this.ended = true;
			this.connection.streamEnded(this.timing, answered);
		}
	}

}
