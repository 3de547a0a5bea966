package io.deploychecklist.checks.pgbouncer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A connection to PgBouncer's admin console (the database {@code pgbouncer}) in PostgreSQL's wire
 * protocol, version 3: start-up, authentication (trust, cleartext, md5 or SCRAM-SHA-256, as the
 * console's {@code auth_type} asks), then simple queries such as {@code SHOW POOLS}. The JDBC driver
 * cannot be used: it sends {@code SET extra_float_digits} to every server older than PostgreSQL 12,
 * and the console refuses any SET it does not know. The password goes to the socket only.
 */
final class PgBouncerConsole implements AutoCloseable {

  /** An error the console sent ({@code ErrorResponse}): its SQLSTATE and message. */
  static final class ConsoleError extends Exception {
    final String sqlState;

    ConsoleError(String sqlState, String message) {
      super(message);
      this.sqlState = sqlState;
    }
  }

  private static final int PROTOCOL_3 = 196608;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private PgBouncerConsole(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static PgBouncerConsole open(String host, int port, String user, String password, int timeoutMs)
      throws IOException, ConsoleError {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), timeoutMs);
      socket.setSoTimeout(timeoutMs);
      PgBouncerConsole console = new PgBouncerConsole(socket);
      console.startUp(user, password);
      return console;
    } catch (IOException | ConsoleError | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The rows of a simple query, each column by name (as text, null for NULL). */
  List<Map<String, String>> query(String sql) throws IOException, ConsoleError {
    send('Q', cString(sql));
    List<String> columns = new ArrayList<>();
    List<Map<String, String>> rows = new ArrayList<>();
    ConsoleError error = null;
    while (true) {
      Message message = receive();
      ByteBuffer body = ByteBuffer.wrap(message.body);
      switch (message.type) {
        case 'T' -> {
          columns.clear();
          int count = body.getShort();
          for (int i = 0; i < count; i++) {
            columns.add(readCString(body));
            body.position(body.position() + 18); // table oid, attnum, type oid, size, modifier, format
          }
        }
        case 'D' -> {
          int count = body.getShort();
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < count; i++) {
            int length = body.getInt();
            String value = null;
            if (length >= 0) {
              byte[] bytes = new byte[length];
              body.get(bytes);
              value = new String(bytes, StandardCharsets.UTF_8);
            }
            row.put(i < columns.size() ? columns.get(i) : String.valueOf(i), value);
          }
          rows.add(row);
        }
        case 'E' -> error = error(body);
        case 'Z' -> {
          if (error != null) {
            throw error;
          }
          return rows;
        }
        default -> {
          // CommandComplete, NoticeResponse, ParameterStatus: nothing to keep
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      send('X', new byte[0]);
    } catch (IOException ignored) {
      // closing anyway
    }
    socket.close();
  }

  // ---- start-up and authentication

  private void startUp(String user, String password) throws IOException, ConsoleError {
    ByteArrayOutputStream parameters = new ByteArrayOutputStream();
    for (String text : new String[] {"user", user, "database", "pgbouncer", "application_name", "deployment-checklist"}) {
      parameters.writeBytes(cString(text));
    }
    parameters.write(0);
    byte[] body = parameters.toByteArray();
    ByteBuffer packet = ByteBuffer.allocate(8 + body.length);
    packet.putInt(8 + body.length).putInt(PROTOCOL_3).put(body);
    out.write(packet.array());
    out.flush();

    Scram scram = null;
    while (true) {
      Message message = receive();
      ByteBuffer reply = ByteBuffer.wrap(message.body);
      if (message.type == 'E') {
        throw error(reply);
      }
      if (message.type == 'Z') {
        return;
      }
      if (message.type != 'R') {
        continue; // ParameterStatus, BackendKeyData
      }
      int code = reply.getInt();
      switch (code) {
        case 0 -> {
          // authenticated
        }
        case 3 -> send('p', cString(required(password)));
        case 5 -> {
          byte[] salt = new byte[4];
          reply.get(salt);
          String inner = md5Hex((required(password) + user).getBytes(StandardCharsets.UTF_8));
          ByteArrayOutputStream salted = new ByteArrayOutputStream();
          salted.writeBytes(inner.getBytes(StandardCharsets.US_ASCII));
          salted.writeBytes(salt);
          send('p', cString("md5" + md5Hex(salted.toByteArray())));
        }
        case 10 -> {
          List<String> mechanisms = new ArrayList<>();
          while (reply.hasRemaining()) {
            String mechanism = readCString(reply);
            if (!mechanism.isEmpty()) {
              mechanisms.add(mechanism);
            }
          }
          if (!mechanisms.contains("SCRAM-SHA-256")) {
            throw new ConsoleError("28000", "PgBouncer offers only " + mechanisms + ", not SCRAM-SHA-256");
          }
          scram = new Scram(required(password));
          byte[] first = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
          ByteArrayOutputStream initial = new ByteArrayOutputStream();
          initial.writeBytes(cString("SCRAM-SHA-256"));
          initial.writeBytes(ByteBuffer.allocate(4).putInt(first.length).array());
          initial.writeBytes(first);
          send('p', initial.toByteArray());
        }
        case 11 -> {
          byte[] serverFirst = new byte[reply.remaining()];
          reply.get(serverFirst);
          send('p', scram.clientFinal(new String(serverFirst, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }
        case 12 -> {
          byte[] serverFinal = new byte[reply.remaining()];
          reply.get(serverFinal);
          scram.verify(new String(serverFinal, StandardCharsets.UTF_8));
        }
        default -> throw new ConsoleError("28000", "PgBouncer asks for an authentication this check does not speak (code "
            + code + "): use auth_type scram-sha-256, md5, plain or trust for the console's user");
      }
    }
  }

  private static String required(String password) throws ConsoleError {
    if (password == null) {
      throw new ConsoleError("28P01", "PgBouncer asks for a password and none is configured");
    }
    return password;
  }

  /** SCRAM-SHA-256 (RFC 5802, 7677) without channel binding, as PostgreSQL and PgBouncer speak it. */
  private static final class Scram {
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    Scram(String password) {
      this.password = password;
      byte[] nonce = new byte[18];
      RANDOM.nextBytes(nonce);
      this.clientNonce = Base64.getEncoder().encodeToString(nonce);
    }

    String clientFirst() {
      clientFirstBare = "n=,r=" + clientNonce;
      return "n,," + clientFirstBare;
    }

    String clientFinal(String serverFirst) throws ConsoleError {
      Map<Character, String> fields = fields(serverFirst);
      String nonce = fields.get('r');
      if (nonce == null || !nonce.startsWith(clientNonce) || fields.get('s') == null || fields.get('i') == null) {
        throw new ConsoleError("08P01", "PgBouncer's SCRAM message is not what the protocol says");
      }
      try {
        byte[] salt = Base64.getDecoder().decode(fields.get('s'));
        int iterations = Integer.parseInt(fields.get('i'));
        SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
          proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new ConsoleError("08P01", "SCRAM failed: " + e.getClass().getSimpleName());
      }
    }

    void verify(String serverFinal) throws ConsoleError {
      String signature = fields(serverFinal).get('v');
      if (signature == null || !MessageDigest.isEqual(Base64.getDecoder().decode(signature), expectedServerSignature)) {
        throw new ConsoleError("08P01", "PgBouncer's SCRAM signature does not match: it does not know the password");
      }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
      return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] text) throws GeneralSecurityException {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text);
    }

    private static Map<Character, String> fields(String message) {
      Map<Character, String> fields = new LinkedHashMap<>();
      for (String part : message.split(",")) {
        if (part.length() >= 2 && part.charAt(1) == '=') {
          fields.put(part.charAt(0), part.substring(2));
        }
      }
      return fields;
    }
  }

  // ---- messages

  private record Message(char type, byte[] body) {}

  private void send(char type, byte[] body) throws IOException {
    ByteBuffer message = ByteBuffer.allocate(5 + body.length);
    message.put((byte) type).putInt(4 + body.length).put(body);
    out.write(message.array());
    out.flush();
  }

  private Message receive() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("PgBouncer closed the connection");
    }
    int length = in.readInt();
    if (length < 4 || length > 16 * 1024 * 1024) {
      throw new IOException("not PostgreSQL's protocol: a message of " + length + " bytes");
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message((char) type, body);
  }

  private static ConsoleError error(ByteBuffer body) {
    String state = null;
    String message = null;
    while (body.hasRemaining()) {
      byte field = body.get();
      if (field == 0) {
        break;
      }
      String value = readCString(body);
      if (field == 'C') {
        state = value;
      } else if (field == 'M') {
        message = value;
      }
    }
    return new ConsoleError(state, message);
  }

  private static String readCString(ByteBuffer buffer) {
    int start = buffer.position();
    while (buffer.get() != 0) {
      // up to the terminating zero
    }
    return new String(buffer.array(), start, buffer.position() - start - 1, StandardCharsets.UTF_8);
  }

  private static byte[] cString(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] result = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, result, 0, bytes.length);
    return result;
  }

  private static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no MD5 in this JVM", e);
    }
  }
}
