package io.deploychecklist.checks.httpsecurity;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Asks a TLS server whether it would negotiate TLS 1.0 or 1.1, with a ClientHello written by hand:
 * the JVM refuses both versions itself ({@code jdk.tls.disabledAlgorithms}), and loosening that
 * would loosen every TLS client of the application. The hello offers only the one version (no
 * {@code supported_versions} extension) and the CBC suites those versions use; the server's first
 * record tells: a ServerHello with that version (or older) is accepted, an alert or a closed
 * connection is refused. Nothing else is sent; the connection is closed after the first record.
 */
final class TlsVersionProbe {

  /** What the server did with the hello. */
  record Answer(boolean accepted, boolean answered, String text) {

    static Answer accepted(String text) {
      return new Answer(true, true, text);
    }

    static Answer refused(String text) {
      return new Answer(false, true, text);
    }

    static Answer none(String text) {
      return new Answer(false, false, text);
    }
  }

  static final int TLS_1_0 = 0x0301;
  static final int TLS_1_1 = 0x0302;

  private static final int HANDSHAKE = 22;
  private static final int ALERT = 21;
  private static final int SERVER_HELLO = 2;

  // ECDHE-ECDSA, ECDHE-RSA, DHE-RSA and RSA with AES-CBC-SHA, and 3DES: what a TLS 1.0 server picks from.
  private static final Map<Integer, String> SUITES = Map.ofEntries(
      Map.entry(0xC00A, "ECDHE-ECDSA-AES256-SHA"),
      Map.entry(0xC009, "ECDHE-ECDSA-AES128-SHA"),
      Map.entry(0xC014, "ECDHE-RSA-AES256-SHA"),
      Map.entry(0xC013, "ECDHE-RSA-AES128-SHA"),
      Map.entry(0x0039, "DHE-RSA-AES256-SHA"),
      Map.entry(0x0033, "DHE-RSA-AES128-SHA"),
      Map.entry(0x0035, "AES256-SHA"),
      Map.entry(0x002F, "AES128-SHA"),
      Map.entry(0x000A, "DES-CBC3-SHA"));
  private static final int[] OFFERED = {0xC00A, 0xC009, 0xC014, 0xC013, 0x0039, 0x0033, 0x0035, 0x002F, 0x000A};

  private static final Map<Integer, String> ALERTS = Map.ofEntries(
      Map.entry(10, "unexpected_message"),
      Map.entry(40, "handshake_failure"),
      Map.entry(47, "illegal_parameter"),
      Map.entry(50, "decode_error"),
      Map.entry(70, "protocol_version"),
      Map.entry(71, "insufficient_security"),
      Map.entry(80, "internal_error"),
      Map.entry(86, "inappropriate_fallback"),
      Map.entry(112, "unrecognized_name"));

  private static final SecureRandom RANDOM = new SecureRandom();

  private TlsVersionProbe() {}

  static String name(int version) {
    return switch (version) {
      case 0x0300 -> "SSL 3.0";
      case TLS_1_0 -> "TLS 1.0";
      case TLS_1_1 -> "TLS 1.1";
      case 0x0303 -> "TLS 1.2";
      default -> String.format("version 0x%04x", version);
    };
  }

  /**
   * Offers {@code version} to {@code address:port}.
   *
   * @param serverName sent as SNI; {@code null} for an IP address
   * @throws IOException when no connection could be made (nothing answered the hello at all)
   */
  static Answer offer(InetSocketAddress address, String serverName, int version, int timeoutMs) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address, timeoutMs);
      socket.setSoTimeout(timeoutMs);
      try {
        OutputStream out = socket.getOutputStream();
        out.write(clientHello(serverName, version));
        out.flush();
        return read(new DataInputStream(socket.getInputStream()), version);
      } catch (SocketTimeoutException e) {
        return Answer.none("no answer within " + timeoutMs + " ms");
      } catch (EOFException e) {
        return Answer.refused("connection closed");
      } catch (SocketException e) {
        return Answer.refused("connection closed (" + e.getMessage() + ")");
      }
    }
  }

  private static Answer read(DataInputStream in, int offered) throws IOException {
    int type = in.readUnsignedByte();
    in.readUnsignedShort(); // the record's version
    int length = in.readUnsignedShort();
    byte[] body = new byte[Math.min(length, 1 << 14)];
    in.readFully(body);
    if (type == ALERT && body.length >= 2) {
      int description = body[1] & 0xff;
      return Answer.refused("alert " + ALERTS.getOrDefault(description, String.valueOf(description)));
    }
    if (type != HANDSHAKE) {
      return Answer.refused(String.format("answered something other than TLS (first byte 0x%02x)", type));
    }
    if (body.length < 6 || (body[0] & 0xff) != SERVER_HELLO) {
      return Answer.refused("answered with handshake message " + (body.length == 0 ? "?" : body[0] & 0xff)
          + ", not a ServerHello");
    }
    int chosen = ((body[4] & 0xff) << 8) | (body[5] & 0xff);
    if (chosen > offered) {
      return Answer.refused("answered with " + name(chosen) + ", which was not offered");
    }
    String suite = "";
    int sessionIdAt = 4 + 2 + 32;
    if (body.length > sessionIdAt) {
      int suiteAt = sessionIdAt + 1 + (body[sessionIdAt] & 0xff);
      if (body.length >= suiteAt + 2) {
        int code = ((body[suiteAt] & 0xff) << 8) | (body[suiteAt + 1] & 0xff);
        suite = ", " + SUITES.getOrDefault(code, String.format("suite 0x%04x", code));
      }
    }
    return Answer.accepted("ServerHello " + name(chosen) + suite);
  }

  static byte[] clientHello(String serverName, int version) {
    try {
      ByteArrayOutputStream hello = new ByteArrayOutputStream();
      DataOutputStream h = new DataOutputStream(hello);
      h.writeShort(version);
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      h.write(random);
      h.writeByte(0); // no session id
      h.writeShort(OFFERED.length * 2);
      for (int suite : OFFERED) {
        h.writeShort(suite);
      }
      h.writeByte(1); // compression methods: null only
      h.writeByte(0);
      byte[] extensions = extensions(serverName);
      h.writeShort(extensions.length);
      h.write(extensions);

      byte[] helloBody = hello.toByteArray();
      ByteArrayOutputStream record = new ByteArrayOutputStream();
      DataOutputStream r = new DataOutputStream(record);
      r.writeByte(HANDSHAKE);
      r.writeShort(TLS_1_0); // record layer version of a first hello, whatever is offered
      r.writeShort(helloBody.length + 4);
      r.writeByte(1); // ClientHello
      r.writeByte(helloBody.length >>> 16);
      r.writeShort(helloBody.length & 0xffff);
      r.write(helloBody);
      return record.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e); // in memory: cannot happen
    }
  }

  private static byte[] extensions(String serverName) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream e = new DataOutputStream(bytes);
    if (serverName != null) {
      byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
      e.writeShort(0x0000); // server_name
      e.writeShort(name.length + 5);
      e.writeShort(name.length + 3);
      e.writeByte(0); // host_name
      e.writeShort(name.length);
      e.write(name);
    }
    e.writeShort(0x000a); // supported_groups: x25519, secp256r1, secp384r1
    e.writeShort(8);
    e.writeShort(6);
    e.writeShort(0x001d);
    e.writeShort(0x0017);
    e.writeShort(0x0018);
    e.writeShort(0x000b); // ec_point_formats: uncompressed
    e.writeShort(2);
    e.writeByte(1);
    e.writeByte(0);
    e.writeShort(0xff01); // renegotiation_info: empty
    e.writeShort(1);
    e.writeByte(0);
    return bytes.toByteArray();
  }
}
