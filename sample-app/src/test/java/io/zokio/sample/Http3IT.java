package io.zokio.sample;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.zokio.test.TestHttp3;
import io.zokio.test.TestKeyMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http3SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample application on TLS with one more property, {@code zokio.http3.enabled},
 * answering a real HTTP/3 client (Reactor Netty's, on NIO) on its own port, and advertising HTTP/3 to
 * an HTTPS client.
 */
class Http3IT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Test
	void servesHttp3WithOneProperty(@TempDir Path directory) throws Exception {
		Path keystore = TestKeyMaterial.keyStore(directory, "localhost");
		LoopResources loops = LoopResources.create("http3-it", 1, true);
		ConnectionProvider connections = ConnectionProvider.create("http3-it", 1);
		try (SampleAppProcess app = SampleAppProcess.start(List.of(),
				List.of("--server.ssl.key-store=" + keystore, "--server.ssl.key-store-password=changeit",
						"--server.ssl.key-store-type=PKCS12", "--zokio.http3.enabled=true"))) {
			int port = app.awaitPort();
			HttpClient http3 = TestHttp3.client(port, loops, connections);
			String answer = http3.get()
				.uri("/plaintext")
				.responseSingle((response, body) -> body.asString()
					.map((text) -> response.status().code() + " " + text))
				.block(TIMEOUT);
			assertThat(answer).isEqualTo("200 Hello, World!");
			HttpResponse<String> https = java.net.http.HttpClient.newBuilder()
				.version(Version.HTTP_1_1)
				.sslContext(trustingEverything())
				.build()
				.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/plaintext")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(https.statusCode()).isEqualTo(200);
			assertThat(https.headers().firstValue("alt-svc")).hasValue("h3=\":" + port + "\"; ma=86400");
		}
		finally {
			connections.disposeLater().block(TIMEOUT);
			loops.disposeLater(Duration.ZERO, TIMEOUT).block(TIMEOUT);
		}
	}

	private static SSLContext trustingEverything() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
		return context;
	}

}
