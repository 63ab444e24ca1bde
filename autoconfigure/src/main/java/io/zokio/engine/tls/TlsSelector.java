package io.zokio.engine.tls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.zokio.engine.selection.Attempt;
import io.zokio.engine.selection.Causes;
import io.zokio.engine.selection.Stage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries TLS implementations in order, each through the {@link Stage#LOAD load},
 * {@link Stage#INIT init} and {@link Stage#HANDSHAKE handshake} stages, and serves with the
 * first that passes all three. Every attempt and its cause is recorded in a {@link TlsReport}.
 */
public final class TlsSelector {

	private static final Logger logger = LoggerFactory.getLogger(TlsSelector.class);

	/**
	 * How long the self-handshake that proves an implementation may take: an in-memory handshake
	 * costs milliseconds, but the first one in a JVM loads and interprets the TLS classes, and with
	 * six JVMs starting together on two cores it took 7.3 to 10.9 seconds. It is bounded on its own,
	 * not by the handshake timeout, which is how long a client may take.
	 */
	static final Duration SELF_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

	private final TlsSettings settings;

	private final TlsLibrary library;

	private final Duration selfHandshakeTimeout;

	private volatile @Nullable TlsReport report;

	/**
	 * Create a selector over the libraries as Netty finds them.
	 * @param settings the TLS settings
	 */
	public TlsSelector(TlsSettings settings) {
		this(settings, TlsLibrary.NETTY);
	}

	/**
	 * Create a selector over the given libraries.
	 * @param settings the TLS settings
	 * @param library the libraries
	 */
	public TlsSelector(TlsSettings settings, TlsLibrary library) {
		this(settings, library, SELF_HANDSHAKE_TIMEOUT);
	}

	/**
	 * Create a selector over the given libraries whose self-handshakes have the given bound.
	 * @param settings the TLS settings
	 * @param library the libraries
	 * @param selfHandshakeTimeout how long each self-handshake may take
	 */
	public TlsSelector(TlsSettings settings, TlsLibrary library, Duration selfHandshakeTimeout) {
		this.settings = settings;
		this.library = library;
		this.selfHandshakeTimeout = selfHandshakeTimeout;
	}

	/**
	 * Return the settings this selector applies.
	 * @return the settings
	 */
	public TlsSettings settings() {
		return this.settings;
	}

	/**
	 * Select an implementation and build the server context with it.
	 * @param contexts builds the server context with a given implementation
	 * @return the context, built and proven with the selected implementation
	 * @throws TlsUnavailableException if native TLS is required and could not be used, or no
	 * implementation could serve
	 */
	public SslContext select(TlsContextFactory contexts) {
		List<Attempt<TlsProvider>> attempts = new ArrayList<>();
		for (TlsProvider provider : this.settings.mode().order()) {
			if (this.settings.requireNative() && !provider.isNative()) {
				break;
			}
			SslContext context = attempt(provider, contexts, attempts);
			if (context != null) {
				return context;
			}
		}
		throw new TlsUnavailableException(attempts, this.settings.requireNative());
	}

	/**
	 * Build another server context with the selected implementation, for another server name's
	 * bundle or a bundle reloaded on update, and prove it with a self-handshake.
	 * @param contexts builds the server context
	 * @return the new context
	 * @throws Exception if it cannot be built or does not complete a handshake
	 */
	public SslContext build(TlsContextFactory contexts) throws Exception {
		TlsReport selected = this.report;
		if (selected == null) {
			throw new IllegalStateException("No TLS implementation was selected");
		}
		SslContext context = contexts.create(selected.provider());
		prove(context);
		return context;
	}

	/**
	 * Return the report of the last selection.
	 * @return the report, or {@code null} before the first selection or when the server has no TLS
	 */
	public @Nullable TlsReport report() {
		return this.report;
	}

	private @Nullable SslContext attempt(TlsProvider provider, TlsContextFactory contexts, List<Attempt<TlsProvider>> attempts) {
		long start = System.nanoTime();
		Throwable unavailable = unavailabilityCause(provider);
		if (unavailable != null) {
			attempts.add(Attempt.failed(provider, Stage.LOAD, Causes.describe(unavailable), micros(start)));
			return null;
		}
		SslContext context;
		try {
			context = contexts.create(provider);
		}
		catch (Exception | LinkageError ex) {
			attempts.add(Attempt.failed(provider, Stage.INIT, Causes.describe(ex), micros(start)));
			return null;
		}
		SelfHandshake.Result handshake;
		try {
			handshake = prove(context);
		}
		catch (Exception | LinkageError ex) {
			attempts.add(Attempt.failed(provider, Stage.HANDSHAKE, Causes.describe(ex), micros(start)));
			return null;
		}
		attempts.add(Attempt.selected(provider, Stage.HANDSHAKE, micros(start)));
		TlsReport selected = new TlsReport(provider, this.library.describe(provider), this.settings.mode(),
				this.settings.requireNative(), attempts.size() > 1, handshake.protocol(),
				handshake.applicationProtocol(), this.settings.handshakeTimeout(), attempts);
		this.report = selected;
		selected.log(logger, "TLS implementation");
		return context;
	}

	/**
	 * Run the self-handshake against a context, releasing the context if it fails.
	 */
	private SelfHandshake.Result prove(SslContext context) throws SSLException {
		try {
			return SelfHandshake.run(context, this.selfHandshakeTimeout);
		}
		catch (Exception | LinkageError ex) {
			ReferenceCountUtil.release(context);
			throw ex;
		}
	}

	private @Nullable Throwable unavailabilityCause(TlsProvider provider) {
		try {
			return this.library.unavailabilityCause(provider);
		}
		catch (RuntimeException | LinkageError ex) {
			return ex;
		}
	}

	private static long micros(long startNanos) {
		return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
	}

}
