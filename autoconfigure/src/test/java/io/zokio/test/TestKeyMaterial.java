package io.zokio.test;

import java.io.InputStream;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;

/**
 * The tests' key material: the self-signed EC key and certificate in {@code zokio-test.p12}.
 */
public final class TestKeyMaterial {

	private TestKeyMaterial() {
	}

	/**
	 * Return key managers holding the test key.
	 * @return the key managers
	 * @throws Exception if the key store cannot be read
	 */
	public static KeyManagerFactory keyManagers() throws Exception {
		try (InputStream in = TestKeyMaterial.class.getResourceAsStream("/zokio-test.p12")) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, "changeit".toCharArray());
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(store, "changeit".toCharArray());
			return keys;
		}
	}

}
