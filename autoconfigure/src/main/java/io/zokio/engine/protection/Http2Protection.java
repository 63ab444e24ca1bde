package io.zokio.engine.protection;

import java.util.HashSet;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.Seat;

/**
 * The deadlines of an HTTP/2 connection: a header block or frame header that stalls past the
 * header deadline, or a frame payload that stalls past the body deadline, cuts the connection
 * ({@link Http2FrameScanner}); each stream has its own body deadline and size limit
 * ({@link StreamProtection}). A connection that sends more control frames within the control frame
 * window than allowed is answered with GOAWAY {@code ENHANCE_YOUR_CALM} and closed. A connection
 * with no stream open that sends nothing for the idle timeout is closed (GOAWAY {@code NO_ERROR}).
 */
final class Http2Protection {

	private final Seat seat;

	private final ProtectionSettings settings;

	private final Http2FrameScanner frames;

	private final NextRequest next;

	private final Set<StreamProtection> streams = new HashSet<>();

	private long headerDeadlineNanos;

	private long bodyDeadlineNanos;

	private long windowStartNanos;

	private long controlFramesBeforeWindow;

	private boolean flooded;

	private final boolean headsFollowStreams;

	private final WriteProgress writes;

	/**
	 * Start following a connection that turned out to speak HTTP/2.
	 * @param seat the connection's seat
	 * @param settings the limits
	 * @param bytesAlreadyRead the bytes of the connection's preface already read, which started the
	 * header deadline
	 * @param next the connection's idle deadline, started here while no stream is open
	 * @param headsFollowStreams whether a stream opens before its head is decoded (HTTP/3), which then
	 * must come within the header timeout
	 * @param writes the progress of the connection's writes, all streams together, started here
	 */
	Http2Protection(Seat seat, ProtectionSettings settings, int bytesAlreadyRead, NextRequest next,
			boolean headsFollowStreams, WriteProgress writes) {
		this.seat = seat;
		this.headsFollowStreams = headsFollowStreams;
		this.writes = writes;
		this.settings = settings;
		this.frames = new Http2FrameScanner(bytesAlreadyRead);
		this.next = next;
		long now = System.nanoTime();
		this.windowStartNanos = now;
		next.awaited(now);
		writes.started(now);
		if (bytesAlreadyRead > 0) {
			this.headerDeadlineNanos = Deadlines.deadline(now, settings.requestHeaderNanos());
		}
	}

	ExchangeListener streamOpened(Exchange exchange) {
		long headDeadline = this.headsFollowStreams
				? Deadlines.deadline(System.nanoTime(), this.settings.requestHeaderNanos()) : 0;
		StreamProtection stream = new StreamProtection(this, exchange, this.settings, headDeadline);
		this.streams.add(stream);
		this.next.requestReceived();
		return stream;
	}

	void streamClosed(StreamProtection stream) {
		this.streams.remove(stream);
		awaitNextStream(System.nanoTime());
	}

	/**
	 * Follow the frames of bytes just read: the header and body deadlines of a frame that has not
	 * come whole, and the rate of control frames. An HTTP/3 stream's frames are not HTTP/2's, and
	 * the stream itself holds their deadlines.
	 * @param bytes the bytes
	 */
	void bytesRead(ByteBuf bytes) {
		long now = System.nanoTime();
		awaitNextStream(now);
		if (this.headsFollowStreams) {
			return;
		}
		this.frames.read(bytes);
		if (!this.frames.headersPending()) {
			this.headerDeadlineNanos = 0;
		}
		else if (this.headerDeadlineNanos == 0) {
			this.headerDeadlineNanos = Deadlines.deadline(now, this.settings.requestHeaderNanos());
		}
		this.bodyDeadlineNanos = this.frames.payloadPending()
				? Deadlines.deadline(now, this.settings.requestBodyNanos()) : 0;
		checkControlFrames(now);
	}

	/**
	 * Answer a connection that sent more control frames within the window than allowed with
	 * GOAWAY {@code ENHANCE_YOUR_CALM}, once. The window restarts when it has passed.
	 */
	private void checkControlFrames(long now) {
		long controlFrames = this.frames.controlFrames();
		if (now - this.windowStartNanos >= this.settings.controlFrameWindowNanos()) {
			this.windowStartNanos = now;
			this.controlFramesBeforeWindow = controlFrames;
		}
		if (!this.flooded && controlFrames - this.controlFramesBeforeWindow > this.settings.maxControlFrames()) {
			this.flooded = true;
			this.seat.goAway(Http2Error.ENHANCE_YOUR_CALM);
		}
	}

	void check(long now) {
		if (Deadlines.due(this.headerDeadlineNanos, now) || Deadlines.due(this.bodyDeadlineNanos, now)
				|| this.writes.stalled(now)) {
			this.headerDeadlineNanos = 0;
			this.bodyDeadlineNanos = 0;
			this.writes.stop();
			this.seat.cut(CloseReason.REQUEST_TIMEOUT);
			return;
		}
		if (!this.streams.isEmpty()) {
			for (StreamProtection stream : this.streams.toArray(StreamProtection[]::new)) {
				stream.check(now);
			}
		}
		else if (this.next.idle(now)) {
			this.seat.close(CloseReason.IDLE_TIMEOUT);
		}
	}

	private void awaitNextStream(long now) {
		if (this.streams.isEmpty()) {
			this.next.awaited(now);
		}
	}

	void closed() {
		this.streams.clear();
	}

}
