package io.zokio.test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.resolver.DefaultAddressResolverGroup;
import reactor.netty.http.Http3SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The tests' HTTP/3 server arguments and client: Reactor Netty's, trusting any certificate, on NIO
 * (its HTTP/3 client on io_uring completed no request here, whatever the server ran on).
 */
public final class TestHttp3 {

	private TestHttp3() {
	}

	/**
	 * Return the arguments of a test server that serves HTTP/3: TLS with the test key material,
	 * {@code zokio.http3.enabled}, then the given ones.
	 * @param extra further server arguments
	 * @return the arguments
	 */
	public static String[] serverArgs(String... extra) {
		List<String> args = new ArrayList<>(Layout.HTTP_1_1_TLS.serverArgs());
		args.add("--zokio.http3.enabled=true");
		args.addAll(List.of(extra));
		return args.toArray(String[]::new);
	}

	/**
	 * Return an HTTP/3 client of a server on loopback. It resolves with the JDK: Reactor Netty's
	 * default resolver holds UDP sockets of its own, which outlived the client's loops here.
	 * @param port the server's port
	 * @param loops the client's event loops, used without native transport
	 * @param connections the client's connections: a provider of its own opens a new QUIC connection
	 * @return the client
	 */
	public static HttpClient client(int port, LoopResources loops, ConnectionProvider connections) {
		return HttpClient.create(connections)
			.runOn(loops, false)
			.protocol(HttpProtocol.HTTP3)
			.remoteAddress(() -> new InetSocketAddress("127.0.0.1", port))
			.resolver(DefaultAddressResolverGroup.INSTANCE)
			.secure((spec) -> spec.sslContext(Http3SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE))))
			.http3Settings((spec) -> spec.idleTimeout(Duration.ofSeconds(5))
				.maxData(10_000_000)
				.maxStreamDataBidirectionalLocal(1_000_000)
				.maxStreamDataBidirectionalRemote(1_000_000)
				.maxStreamsBidirectional(100));
	}

}
