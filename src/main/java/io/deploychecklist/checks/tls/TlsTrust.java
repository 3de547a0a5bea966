package io.deploychecklist.checks.tls;

import io.deploychecklist.evidence.SecretSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The trust that the TLS checks judge certificate chains with: the JVM's trusted CAs, or the trust
 * store configured in {@code checklist.tls.trust-store}. A configured trust store that cannot be
 * read is a broken configuration: it throws (an incident), it does not fail the check.
 */
public final class TlsTrust {

  private TlsTrust() {}

  static X509TrustManager trustManager(TlsCheckProperties properties, SecretSource secrets) {
    if (properties.trustStore() == null) {
      return fromKeyStore(null);
    }
    Path path = Path.of(properties.trustStore());
    String password =
        secrets.require(properties.trustStorePasswordEnv(), "checklist.tls.trust-store-password-env");
    String type = type(properties.trustStoreType(), path);
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(
          "checklist.tls.trust-store " + path + " does not exist or cannot be read");
    }
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store;
      if (type.equals("PEM")) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        Collection<? extends Certificate> certificates =
            CertificateFactory.getInstance("X.509").generateCertificates(in);
        if (certificates.isEmpty()) {
          throw new IllegalStateException(
              "checklist.tls.trust-store " + path + " holds no certificate");
        }
        int i = 0;
        for (Certificate certificate : certificates) {
          store.setCertificateEntry("ca-" + i++, certificate);
        }
      } else {
        store = KeyStore.getInstance(type);
        store.load(in, password == null ? null : password.toCharArray());
      }
      return fromKeyStore(store);
    } catch (IOException | GeneralSecurityException e) {
      // The message names the file, never the password.
      throw new IllegalStateException(
          "cannot read checklist.tls.trust-store " + path + " as " + type + ": "
              + SecretSource.redact(String.valueOf(e.getMessage()), password),
          e);
    }
  }

  /** Client sockets that trust what {@link #trustManager} trusts. */
  public static SSLSocketFactory socketFactory(TlsCheckProperties properties, SecretSource secrets) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager(properties, secrets)}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  static X509TrustManager fromKeyStore(KeyStore store) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("no X.509 trust manager available");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up the TLS trust: " + e.getMessage(), e);
    }
  }

  private static String type(String configured, Path path) {
    if (configured != null) {
      return configured.toUpperCase(Locale.ROOT);
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jks")) {
      return "JKS";
    }
    if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
      return "PEM";
    }
    return "PKCS12";
  }
}
