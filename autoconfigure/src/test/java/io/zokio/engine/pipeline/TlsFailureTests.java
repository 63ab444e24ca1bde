package io.zokio.engine.pipeline;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import javax.net.ssl.SSLHandshakeException;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages BoringSSL (through netty-tcnative) and the JDK raise on a server, as observed with
 * {@code openssl s_client} and JDK clients failing each way, and the class each is counted in.
 */
class TlsFailureTests {

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			TLS 1.3 certificate refused, BoringSSL  | error:10000070:SSL routines:OPENSSL_internal:BAD_PACKET_LENGTH | certificate
			TLS 1.3 certificate refused, JDK        | Insufficient buffer remaining for AEAD cipher fragment (2). Needs to be more than tag size (16) | certificate
			TLS 1.2 certificate refused, BoringSSL  | error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA | certificate
			TLS 1.2 certificate refused, JDK        | Received fatal alert: unknown_ca | certificate
			JDK client's certificate_unknown        | Received fatal alert: certificate_unknown | certificate
			only AES128-SHA offered, BoringSSL      | error:100000f3:SSL routines:OPENSSL_internal:WRONG_CURVE | cipher
			only AES128-SHA offered, JDK            | no cipher suites in common | cipher
			no key-exchange group in common         | error:1000010a:SSL routines:OPENSSL_internal:NO_SHARED_GROUP | cipher
			no cipher in common, BoringSSL          | error:100000b8:SSL routines:OPENSSL_internal:NO_SHARED_CIPHER | cipher
			TLS 1.1 only, BoringSSL                 | error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL | protocol
			TLS 1.1 only, JDK                       | Client requested protocol TLSv1.1 is not enabled or supported in server context | protocol
			plaintext HTTP, BoringSSL               | error:1000009c:SSL routines:OPENSSL_internal:HTTP_REQUEST | protocol
			""")
	void classesAFailedHandshakeByWhatServersReport(String description, String message, String expected) {
		DecoderException failure = new DecoderException(new SSLHandshakeException(message));
		assertThat(TlsFailure.of(failure).id()).isEqualTo(expected);
	}

	@Test
	void classesTimeoutsAndClientAbortsByTheirExceptions() {
		assertThat(TlsFailure.of(new SslHandshakeTimeoutException("handshake timed out after 10000ms")))
			.isEqualTo(TlsFailure.TIMEOUT);
		assertThat(TlsFailure.of(new ClosedChannelException())).isEqualTo(TlsFailure.CLIENT_ABORT);
		assertThat(TlsFailure.of(new IOException("Connection reset by peer"))).isEqualTo(TlsFailure.CLIENT_ABORT);
	}

}
