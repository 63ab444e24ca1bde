package io.zokio.engine.tls;

import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.OpenSsl;
import org.jspecify.annotations.Nullable;

/**
 * The libraries behind the TLS implementations: the seam between the staged selection's
 * {@link io.zokio.engine.selection.Stage#LOAD load} stage and netty-tcnative.
 */
public interface TlsLibrary {

	/**
	 * The libraries as Netty finds them.
	 */
	TlsLibrary NETTY = new TlsLibrary() {

		@Override
		public @Nullable Throwable unavailabilityCause(TlsProvider provider) {
			if (provider == TlsProvider.JDK || OpenSsl.isAvailable()) {
				return null;
			}
			try {
				Class.forName("io.netty.internal.tcnative.SSL", false, TlsLibrary.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				return new ClassNotFoundException("io.netty:netty-tcnative-boringssl-static is not on the classpath");
			}
			return OpenSsl.unavailabilityCause();
		}

		@Override
		public String describe(TlsProvider provider) {
			if (provider == TlsProvider.OPENSSL) {
				return OpenSsl.versionString();
			}
			try {
				return SSLContext.getDefault().getProvider().getName() + " " + Runtime.version();
			}
			catch (NoSuchAlgorithmException ex) {
				return "JDK " + Runtime.version();
			}
		}

	};

	/**
	 * Return why an implementation cannot load.
	 * @param provider the implementation
	 * @return the cause, or {@code null} when its library loaded
	 */
	@Nullable Throwable unavailabilityCause(TlsProvider provider);

	/**
	 * Describe the library behind a loaded implementation.
	 * @param provider the implementation
	 * @return its name and version
	 */
	String describe(TlsProvider provider);

}
