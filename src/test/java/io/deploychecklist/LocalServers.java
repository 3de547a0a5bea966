package io.deploychecklist;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the tests that start a Debian server of their own share: finding its binary and a free port
 * of 127.0.0.1 to run it on.
 */
public final class LocalServers {

  private LocalServers() {}

  /** The binary on the PATH, or in /usr/sbin or /usr/bin (not on every user's PATH), if any. */
  public static Optional<Path> executable(String binary) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/sbin", "/usr/bin"));
    return dirs.stream().map(dir -> Path.of(dir, binary)).filter(Files::isExecutable).findFirst();
  }

  /** A port of 127.0.0.1 that nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
