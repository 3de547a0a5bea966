package io.deploychecklist.process;

import io.deploychecklist.checks.tls.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The target's TLS endpoint as a real TLS server on 127.0.0.1 with certificates of a test CA, whose
 * certificate the test switches between handshakes: a sound one, or one the renewal forgot.
 */
final class CertificateServer implements AutoCloseable {

  enum Certificate { SOUND, EXPIRING }

  static final String HOST = "localhost";

  private final TestCertificates certificates = new TestCertificates();
  private final X509KeyManager sound;
  private final X509KeyManager expiring;
  private final AtomicReference<X509KeyManager> presented = new AtomicReference<>();
  private final MockWebServer server = new MockWebServer();
  private final Path trustStore;

  CertificateServer() throws IOException {
    Instant now = Instant.now();
    sound = keyManager(certificates.server(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), HOST));
    // Inside the check's 30-day threshold.
    expiring = keyManager(certificates.server(now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(5)), HOST));
    presented.set(sound);
    trustStore = Files.createTempFile("checklist-test-ca", ".pem");
    trustStore.toFile().deleteOnExit();
    Files.writeString(trustStore, certificates.ca.certificatePem(), StandardCharsets.US_ASCII);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new javax.net.ssl.KeyManager[] {new Switching()}, null, null);
      server.useHttps(context.getSocketFactory(), false);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  int port() {
    return server.getPort();
  }

  /** A PEM file with the test CA, for {@code checklist.tls.trust-store}. */
  String trustStore() {
    return trustStore.toString();
  }

  void present(Certificate certificate) {
    presented.set(certificate == Certificate.SOUND ? sound : expiring);
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
    Files.deleteIfExists(trustStore);
  }

  private X509KeyManager keyManager(HeldCertificate certificate) {
    return new HandshakeCertificates.Builder().heldCertificate(certificate, certificates.ca.certificate()).build()
        .keyManager();
  }

  /** Hands each new handshake the certificate presented at that moment. */
  private final class Switching extends X509ExtendedKeyManager {

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return presented.get().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return presented.get().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      X509KeyManager current = presented.get();
      return current instanceof X509ExtendedKeyManager extended
          ? extended.chooseEngineServerAlias(keyType, issuers, engine)
          : current.chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return presented.get().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return presented.get().getPrivateKey(alias);
    }
  }
}
