package io.zokio.engine.http3;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP/3 server's key material, replaceable while it serves: QUIC's TLS asks its key manager
 * for the certificate and key at every handshake, so a reloaded SSL bundle serves each new QUIC
 * connection from the moment it is given here, and connections already open keep theirs.
 */
public final class ReplaceableKeyManager extends X509ExtendedKeyManager {

	private volatile X509ExtendedKeyManager current;

	/**
	 * Create a key manager serving the given key material.
	 * @param keys the key material
	 */
	public ReplaceableKeyManager(KeyManagerFactory keys) {
		this.current = x509(keys);
	}

	/**
	 * Serve new handshakes with other key material.
	 * @param keys the key material
	 */
	public void replace(KeyManagerFactory keys) {
		this.current = x509(keys);
	}

	private static X509ExtendedKeyManager x509(KeyManagerFactory keys) {
		for (KeyManager manager : keys.getKeyManagers()) {
			if (manager instanceof X509ExtendedKeyManager x509) {
				return x509;
			}
		}
		throw new IllegalArgumentException("The key material has no X.509 key manager");
	}

	@Override
	public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
		return this.current.getClientAliases(keyType, issuers);
	}

	@Override
	public @Nullable String chooseClientAlias(String[] keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
		return this.current.chooseClientAlias(keyType, issuers, socket);
	}

	@Override
	public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
		return this.current.getServerAliases(keyType, issuers);
	}

	@Override
	public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
		return this.current.chooseServerAlias(keyType, issuers, socket);
	}

	@Override
	public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers,
			@Nullable SSLEngine engine) {
		return this.current.chooseEngineServerAlias(keyType, issuers, engine);
	}

	@Override
	public X509Certificate @Nullable [] getCertificateChain(String alias) {
		return this.current.getCertificateChain(alias);
	}

	@Override
	public @Nullable PrivateKey getPrivateKey(String alias) {
		return this.current.getPrivateKey(alias);
	}

}
