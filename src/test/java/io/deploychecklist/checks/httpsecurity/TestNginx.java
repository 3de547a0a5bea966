package io.deploychecklist.checks.httpsecurity;

import io.deploychecklist.checks.tls.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import okhttp3.tls.HeldCertificate;

/**
 * One nginx with the targets the HTTP security check's tests judge, each an https server with the
 * plain HTTP server of its host beside it, all with a certificate of the test CA for localhost and
 * 127.0.0.1:
 * <ul>
 *   <li>{@code hardened}: every security header, CORS for nobody, plain HTTP redirected (301) to
 *       HTTPS, TLS 1.2 and 1.3 only, {@code /admin/} behind HTTP Basic;
 *   <li>{@code lax}: no security header, CORS echoing any origin with credentials, plain HTTP served
 *       as is, TLS 1.0 to 1.3 with OpenSSL's security level lowered to 0 (at its default level,
 *       Debian's OpenSSL 3 refuses TLS 1.0 and 1.1 even when nginx lists them), {@code /admin/} open;
 *   <li>{@code halfway}: HSTS for 5 minutes, the CSP only as report-only, {@code X-Frame-Options:
 *       ALLOW-FROM}, CORS for {@code *}, plain HTTP redirected to another http URL, TLS 1.0 to 1.2
 *       listed but at OpenSSL's default security level, {@code /admin/} redirecting to a login
 *       page and {@code /private/} answering 403;
 *   <li>{@code plain}: plain http only, with the three headers that make sense there.
 * </ul>
 */
final class TestNginx implements AutoCloseable {

  final int hardenedHttps = NginxProcess.freePort();
  final int hardenedHttp = NginxProcess.freePort();
  final int laxHttps = NginxProcess.freePort();
  final int laxHttp = NginxProcess.freePort();
  final int halfwayHttps = NginxProcess.freePort();
  final int halfwayHttp = NginxProcess.freePort();
  final int plainHttp = NginxProcess.freePort();
  final NginxProcess nginx;

  TestNginx(Path dir) {
    try {
      TestCertificates certificates = new TestCertificates();
      Instant now = Instant.now();
      HeldCertificate server = certificates.server(
          now.minus(1, ChronoUnit.DAYS), now.plus(90, ChronoUnit.DAYS), "localhost", "127.0.0.1");
      Files.writeString(dir.resolve("server.crt"),
          server.certificatePem() + certificates.ca.certificatePem(), StandardCharsets.US_ASCII);
      Files.writeString(dir.resolve("server.key"), server.privateKeyPkcs8Pem(), StandardCharsets.US_ASCII);
      // The check never sends credentials: a password nobody knows is enough.
      Files.writeString(dir.resolve("htpasswd"), "admin:{PLAIN}" + UUID.randomUUID() + "\n");
      Path www = Files.createDirectories(dir.resolve("www"));
      Files.writeString(www.resolve("index.html"), "<!DOCTYPE html><title>target</title>\n");
      Files.createDirectories(www.resolve("admin"));
      Files.writeString(www.resolve("admin/index.html"), "the admin page\n");
      Files.createDirectories(www.resolve("private"));
      Files.writeString(www.resolve("private/index.html"), "private\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String tls = """
          ssl_certificate %1$s/server.crt;
          ssl_certificate_key %1$s/server.key;
          root %1$s/www;
        """.formatted(dir);
    String servers = """
        server {
          listen 127.0.0.1:%2$d;
          return 301 https://$host:%1$d$request_uri;
        }
        server {
          listen 127.0.0.1:%1$d ssl;
        %3$s
          ssl_protocols TLSv1.2 TLSv1.3;
          add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
          add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'" always;
          add_header X-Content-Type-Options nosniff always;
          add_header X-Frame-Options DENY always;
          location /admin/ {
            auth_basic "admin";
            auth_basic_user_file %4$s/htpasswd;
          }
        }
        server {
          listen 127.0.0.1:%6$d;
          root %4$s/www;
        }
        server {
          listen 127.0.0.1:%5$d ssl;
        %3$s
          ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
          ssl_ciphers DEFAULT:@SECLEVEL=0;
          add_header Access-Control-Allow-Origin $http_origin always;
          add_header Access-Control-Allow-Credentials true always;
          add_header Access-Control-Allow-Methods "GET, PUT" always;
          add_header Access-Control-Allow-Headers "authorization" always;
          location / {
            if ($request_method = OPTIONS) {
              return 204;
            }
          }
        }
        server {
          listen 127.0.0.1:%8$d;
          return 302 http://$host:%8$d/elsewhere$request_uri;
        }
        server {
          listen 127.0.0.1:%7$d ssl;
        %3$s
          ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
          add_header Strict-Transport-Security "max-age=300" always;
          add_header Content-Security-Policy-Report-Only "default-src 'self'" always;
          add_header X-Content-Type-Options nosniff always;
          add_header X-Frame-Options "ALLOW-FROM https://partner.example" always;
          add_header Access-Control-Allow-Origin * always;
          location /admin/ {
            return 302 /login;
          }
          location /private/ {
            return 403;
          }
        }
        server {
          listen 127.0.0.1:%9$d;
          root %4$s/www;
          add_header Content-Security-Policy "default-src 'none'" always;
          add_header X-Content-Type-Options nosniff always;
          add_header X-Frame-Options SAMEORIGIN always;
        }
        """.formatted(hardenedHttps, hardenedHttp, tls, dir, laxHttps, laxHttp, halfwayHttps, halfwayHttp,
        plainHttp);
    nginx = NginxProcess.start(dir, servers);
  }

  String hardened() {
    return "https://localhost:" + hardenedHttps + "/";
  }

  String lax() {
    return "https://127.0.0.1:" + laxHttps + "/";
  }

  String halfway() {
    return "https://127.0.0.1:" + halfwayHttps + "/";
  }

  String plain() {
    return "http://127.0.0.1:" + plainHttp + "/";
  }

  @Override
  public void close() {
    nginx.close();
  }
}
