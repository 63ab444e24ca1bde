package io.zokio.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What proving a server context costs, as Zokio's startup self-handshake does it: build a client
 * context and complete one full handshake (nothing resumed) against the server context, in memory
 * between two {@link EmbeddedChannel}s. The server serves with OpenSSL or the JDK; the client is the
 * JDK's or OpenSSL's. Run it warm ({@code -bm avgt}) and cold, the first proof in a fresh JVM as at
 * startup ({@code -bm ss -f 10 -wi 0 -i 1}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class TlsHandshakeBenchmark {

	private static final char[] PASSWORD = "changeit".toCharArray();

	/**
	 * The server's implementation.
	 */
	@Param({ "openssl", "jdk" })
	public String server;

	/**
	 * The proving client's implementation.
	 */
	@Param({ "jdk", "openssl" })
	public String client;

	private Path keyStore;

	private SslContext serverContext;

	@Setup(Level.Trial)
	public void open() throws Exception {
		this.keyStore = Files.createTempDirectory("zokio-benchmark").resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", this.keyStore.toString(), "-storepass",
				new String(PASSWORD))
			.inheritIO()
			.start();
		if (keytool.waitFor() != 0) {
			throw new IllegalStateException("keytool failed");
		}
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.keyStore)) {
			store.load(in, PASSWORD);
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, PASSWORD);
		this.serverContext = SslContextBuilder.forServer(keys).sslProvider(provider(this.server)).build();
	}

	private static SslProvider provider(String name) {
		return name.equals("jdk") ? SslProvider.JDK : SslProvider.OPENSSL;
	}

	@TearDown(Level.Trial)
	public void close() throws IOException {
		ReferenceCountUtil.release(this.serverContext);
		Files.deleteIfExists(this.keyStore);
		Files.deleteIfExists(this.keyStore.getParent());
	}

	/**
	 * Build a client context and complete one handshake with it.
	 * @return whether both sides completed it
	 * @throws Exception if the client context cannot be built
	 */
	@Benchmark
	public boolean prove() throws Exception {
		SslContext clientContext = SslContextBuilder.forClient()
			.sslProvider(provider(this.client))
			.trustManager(InsecureTrustManagerFactory.INSTANCE)
			.build();
		EmbeddedChannel server = new EmbeddedChannel(this.serverContext.newHandler(ByteBufAllocator.DEFAULT));
		EmbeddedChannel client = new EmbeddedChannel(clientContext.newHandler(ByteBufAllocator.DEFAULT));
		SslHandler serverTls = server.pipeline().get(SslHandler.class);
		SslHandler clientTls = client.pipeline().get(SslHandler.class);
		for (int round = 0; round < 10 && !(serverTls.handshakeFuture().isDone() && clientTls.handshakeFuture().isDone());
				round++) {
			pass(client, server);
			pass(server, client);
		}
		boolean done = serverTls.handshakeFuture().isSuccess() && clientTls.handshakeFuture().isSuccess();
		client.finishAndReleaseAll();
		server.finishAndReleaseAll();
		ReferenceCountUtil.release(clientContext);
		if (!done) {
			throw new IllegalStateException("handshake did not complete");
		}
		return done;
	}

	private static void pass(EmbeddedChannel from, EmbeddedChannel to) {
		Object message;
		while ((message = from.readOutbound()) != null) {
			to.writeInbound(message);
		}
	}

}
