package io.deploychecklist.checks.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A test CA and TLS servers on 127.0.0.1 with certificates of its making. */
public final class TestCertificates {

  public final HeldCertificate ca =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("Checklist Test CA").build();

  /** A server certificate for {@code names}, signed by the test CA, valid in the given interval. */
  public HeldCertificate server(Instant notBefore, Instant notAfter, String... names) {
    HeldCertificate.Builder builder =
        new HeldCertificate.Builder()
            .commonName(names[0])
            .validityInterval(notBefore.toEpochMilli(), notAfter.toEpochMilli())
            .signedBy(ca);
    for (String name : names) {
      builder.addSubjectAlternativeName(name);
    }
    return builder.build();
  }

  /** Trusts the test CA only. */
  public HandshakeCertificates trust() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
  }

  /** An HTTPS MockWebServer on localhost presenting {@code certificate} (with the CA in its chain). */
  public MockWebServer https(HeldCertificate certificate) throws IOException {
    HandshakeCertificates serverSide =
        new HandshakeCertificates.Builder()
            .heldCertificate(certificate, ca.certificate())
            .build();
    MockWebServer server = new MockWebServer();
    server.useHttps(serverSide.sslSocketFactory(), false);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /** An HTTPS MockWebServer presenting a self-signed certificate (no CA). */
  public static MockWebServer httpsSelfSigned(HeldCertificate selfSigned) throws IOException {
    HandshakeCertificates serverSide =
        new HandshakeCertificates.Builder().heldCertificate(selfSigned).build();
    MockWebServer server = new MockWebServer();
    server.useHttps(serverSide.sslSocketFactory(), false);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }
}
