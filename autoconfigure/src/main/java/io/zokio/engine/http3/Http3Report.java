package io.zokio.engine.http3;

import io.zokio.engine.selection.Stage;
import org.jspecify.annotations.Nullable;

/**
 * What the HTTP/3 server does and, when it does not serve, which stage failed and why.
 *
 * @param state where the server stands
 * @param port the UDP port, the application server's port
 * @param stage the stage that failed, or {@code null}
 * @param cause why it failed, or {@code null}
 * @param transport the transport of the QUIC server's event loop, such as {@code io_uring}, or
 * {@code null} when it never served
 * @param settings the settings
 */
public record Http3Report(Http3State state, int port, @Nullable Stage stage, @Nullable String cause,
		@Nullable String transport, Http3Settings settings) {

	static Http3Report starting(Http3Settings settings) {
		return new Http3Report(Http3State.STARTING, 0, null, null, null, settings);
	}

	static Http3Report failed(int port, Stage stage, String cause, Http3Settings settings) {
		return new Http3Report(Http3State.UNAVAILABLE, port, stage, cause, null, settings);
	}

	/**
	 * Return this report in another state, the same otherwise.
	 * @param next the state
	 * @return the report
	 */
	Http3Report in(Http3State next) {
		return new Http3Report(next, this.port, this.stage, this.cause, this.transport, this.settings);
	}

	/**
	 * Return the {@code Alt-Svc} field value the HTTP/1.1 and HTTP/2 responses carry.
	 * @return the value, or {@code null} unless HTTP/3 serves
	 */
	public @Nullable String altSvc() {
		return (this.state == Http3State.SERVING) ? this.settings.altSvc(this.port) : null;
	}

	/**
	 * Return one line that says whether HTTP/3 serves, where and with which settings, or which
	 * stage failed and why.
	 * @return the summary
	 */
	public String summary() {
		if (this.state == Http3State.UNAVAILABLE) {
			return "Zokio HTTP/3: not serving, " + this.stage + " failed: " + this.cause
					+ "; HTTP/1.1 and HTTP/2 serve without it and Alt-Svc is not sent";
		}
		return "Zokio HTTP/3: " + this.state + " on UDP port " + this.port + " (" + this.transport + ", idle timeout "
				+ this.settings.idleTimeout().toMillis() + " ms, max data " + this.settings.maxData()
				+ " B, max stream data " + this.settings.maxStreamData() + " B, max streams "
				+ this.settings.maxStreams() + ", max field section " + this.settings.maxFieldSectionSize()
				+ " B), Alt-Svc: " + this.settings.altSvc(this.port);
	}

}
