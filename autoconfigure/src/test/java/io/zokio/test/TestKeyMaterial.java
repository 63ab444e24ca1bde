package io.zokio.test;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

	/**
	 * Make a PKCS12 key store ({@code changeit}) holding a new self-signed EC key whose certificate
	 * names the given common name, with the JDK's keytool.
	 * @param directory where to write it
	 * @param name the common name, also the file's name
	 * @return the key store's path
	 * @throws Exception if keytool fails
	 */
	public static Path keyStore(Path directory, String name) throws Exception {
		Path store = directory.resolve(name + ".p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "zokio", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
				"-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
				"-storepass", "changeit")
			.redirectErrorStream(true)
			.start();
		String log = new String(keytool.getInputStream().readAllBytes());
		if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + log);
		}
		return store;
	}

	/**
	 * Return the arguments of a server whose TLS comes from a reloadable SSL bundle named
	 * {@code zokio}, read from the given PKCS12 key store file and watched for updates.
	 * @param keyStore the key store file, which a test may replace
	 * @return the arguments
	 */
	public static List<String> reloadableBundle(Path keyStore) {
		return List.of("--spring.ssl.bundle.jks.zokio.reload-on-update=true",
				"--spring.ssl.bundle.jks.zokio.keystore.location=file:" + keyStore,
				"--spring.ssl.bundle.jks.zokio.keystore.password=changeit",
				"--spring.ssl.bundle.jks.zokio.keystore.type=PKCS12", "--spring.ssl.bundle.watch.file.quiet-period=100ms",
				"--server.ssl.bundle=zokio");
	}

}
