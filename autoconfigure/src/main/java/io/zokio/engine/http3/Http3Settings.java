package io.zokio.engine.http3;

import java.time.Duration;

/**
 * The settings of the HTTP/3 server: QUIC's flow control and stream limits, which Reactor Netty
 * leaves at 0 (nothing flows) unless they are set, and how long clients may remember that the
 * server speaks HTTP/3.
 *
 * @param idleTimeout how long a QUIC connection may stay without traffic before it is closed
 * @param maxData the bytes a client may have in flight on one connection, all streams together
 * @param maxStreamData the bytes a client may have in flight on one stream
 * @param maxStreams the request streams a client may have open at once on one connection
 * @param maxFieldSectionSize the largest header section a request may carry, in bytes
 * @param altSvcMaxAge how long a client may remember the {@code Alt-Svc} advertisement
 * @param required whether a server that cannot serve HTTP/3 fails to start
 */
public record Http3Settings(Duration idleTimeout, long maxData, long maxStreamData, long maxStreams,
		long maxFieldSectionSize, Duration altSvcMaxAge, boolean required) {

	/**
	 * Return the {@code Alt-Svc} field value that advertises HTTP/3 on a port.
	 * @param port the UDP port
	 * @return the field value
	 */
	public String altSvc(int port) {
		return "h3=\":" + port + "\"; ma=" + this.altSvcMaxAge.toSeconds();
	}

}
