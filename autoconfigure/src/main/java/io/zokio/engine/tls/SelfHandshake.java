package io.zokio.engine.tls;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;

/**
 * A handshake between an engine of the server's context and a client of the same implementation,
 * in memory, so that an implementation that loads and initialises but cannot complete a handshake
 * with the server's material is found before the first client. An OpenSSL server is proven with an
 * OpenSSL client, so that a server that never needs the JDK's TLS does not load it for its proof:
 * the first proof in a JVM took 60 ms against 116 ms with a JDK client, and 0.7 ms against 3.1 ms
 * warm ({@code TlsHandshakeBenchmark}). The client offers the protocols and cipher suites the server
 * enables (those it knows), trusts any certificate, and is not asked for one: only the server's side
 * is proven. When the server offers ALPN, the client
 * offers the same protocols and the server's first must be chosen.
 */
final class SelfHandshake {

	/**
	 * How the cause of a self-handshake that ran out of time begins.
	 */
	static final String TIMED_OUT = "self-handshake did not finish within";

	private static final int MAX_ROUNDS = 64;

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private SelfHandshake() {
	}

	/**
	 * Run a handshake against the server context.
	 * @param server the server context
	 * @param timeout how long the handshake may take
	 * @return the negotiated protocol and ALPN choice
	 * @throws SSLException if the handshake fails, does not finish in time, or ALPN chooses
	 * another protocol than the server's first
	 */
	static Result run(SslContext server, Duration timeout) throws SSLException {
		List<String> protocols = server.applicationProtocolNegotiator().protocols();
		SSLEngine serverEngine = server.newEngine(UnpooledByteBufAllocator.DEFAULT);
		try {
			serverEngine.setWantClientAuth(false);
			SslContextBuilder clientBuilder = SslContextBuilder.forClient()
				.sslProvider((server instanceof ReferenceCountedOpenSslContext) ? SslProvider.OPENSSL : SslProvider.JDK)
				.trustManager(InsecureTrustManagerFactory.INSTANCE)
				.protocols(serverEngine.getEnabledProtocols())
				.ciphers(Arrays.asList(serverEngine.getEnabledCipherSuites()), SupportedCipherSuiteFilter.INSTANCE);
			if (!protocols.isEmpty()) {
				clientBuilder.applicationProtocolConfig(new ApplicationProtocolConfig(
						ApplicationProtocolConfig.Protocol.ALPN,
						ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
						ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols));
			}
			SslContext client = clientBuilder.build();
			SSLEngine clientEngine = client.newEngine(UnpooledByteBufAllocator.DEFAULT, "localhost", 443);
			try {
				handshake(clientEngine, serverEngine, System.nanoTime() + timeout.toNanos(), timeout);
			}
			finally {
				ReferenceCountUtil.release(clientEngine);
				ReferenceCountUtil.release(client);
			}
			String chosen = serverEngine.getApplicationProtocol();
			String applicationProtocol = (chosen == null || chosen.isEmpty()) ? "none" : chosen;
			if (!protocols.isEmpty() && !protocols.get(0).equals(applicationProtocol)) {
				throw new SSLException("ALPN chose " + applicationProtocol + " where the server prefers "
						+ protocols.get(0));
			}
			return new Result(serverEngine.getSession().getProtocol(), applicationProtocol);
		}
		finally {
			ReferenceCountUtil.release(serverEngine);
		}
	}

	private static void handshake(SSLEngine client, SSLEngine server, long deadlineNanos, Duration timeout)
			throws SSLException {
		int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
		int application = Math.max(client.getSession().getApplicationBufferSize(),
				server.getSession().getApplicationBufferSize());
		ByteBuffer toServer = ByteBuffer.allocate(4 * packet);
		ByteBuffer toClient = ByteBuffer.allocate(4 * packet);
		ByteBuffer received = ByteBuffer.allocate(4 * application);
		client.beginHandshake();
		server.beginHandshake();
		boolean clientDone = false;
		boolean serverDone = false;
		for (int round = 0; !(clientDone && serverDone); round++) {
			if (round == MAX_ROUNDS || System.nanoTime() - deadlineNanos >= 0) {
				throw new SSLException((round == MAX_ROUNDS) ? "self-handshake did not finish in " + MAX_ROUNDS + " rounds"
						: TIMED_OUT + " " + timeout.toMillis() + " ms (the machine is too busy to "
								+ "finish an in-memory handshake in time)");
			}
			clientDone |= wrap(client, toServer);
			serverDone |= unwrap(server, toServer, received);
			serverDone |= wrap(server, toClient);
			clientDone |= unwrap(client, toClient, received);
			clientDone |= isDone(client);
			serverDone |= isDone(server);
		}
	}

	private static boolean wrap(SSLEngine engine, ByteBuffer out) throws SSLException {
		boolean finished = false;
		while (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
			SSLEngineResult result = engine.wrap(EMPTY, out);
			finished |= finished(engine, result);
			if (result.getStatus() != SSLEngineResult.Status.OK) {
				throw new SSLException("self-handshake could not wrap: " + result.getStatus());
			}
		}
		return finished;
	}

	/**
	 * Unwrap what the peer sent, at least once even when it sent nothing: netty-tcnative's engine
	 * reports the end of a handshake it finished while reading only on the next unwrap.
	 */
	private static boolean unwrap(SSLEngine engine, ByteBuffer in, ByteBuffer received) throws SSLException {
		boolean finished = false;
		in.flip();
		try {
			do {
				received.clear();
				SSLEngineResult result = engine.unwrap(in, received);
				finished |= finished(engine, result);
				if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
					break;
				}
				if (result.getStatus() != SSLEngineResult.Status.OK) {
					throw new SSLException("self-handshake could not unwrap: " + result.getStatus());
				}
			}
			while (in.hasRemaining());
		}
		finally {
			in.compact();
		}
		return finished;
	}

	private static boolean finished(SSLEngine engine, SSLEngineResult result) {
		Runnable task;
		while ((task = engine.getDelegatedTask()) != null) {
			task.run();
		}
		return result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED;
	}

	private static boolean isDone(SSLEngine engine) {
		return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
				&& engine.getSession().getProtocol().startsWith("TLS");
	}

	/**
	 * What the self-handshake negotiated.
	 *
	 * @param protocol the TLS protocol version
	 * @param applicationProtocol the protocol ALPN chose, or {@code none}
	 */
	record Result(String protocol, String applicationProtocol) {

	}

}
