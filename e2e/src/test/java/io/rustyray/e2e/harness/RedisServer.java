package io.rustyray.e2e.harness;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of the test's own (Debian's {@code /usr/bin/redis-server}) on a free loopback
 * port, with an append-only file in a folder of its own, so that what it acknowledged survives it.
 * Never a server that happens to run on the machine.
 */
public final class RedisServer implements AutoCloseable {
  public static final String BINARY = "/usr/bin/redis-server";

  private final Process process;
  private final int port;
  private final Path dir;

  private RedisServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /**
   * Starts a server and waits until it accepts connections.
   *
   * @param dir its data folder (the append-only file) and log
   * @param password the password clients must give (requirepass), or null for none
   * @return the running server
   * @throws Exception when it does not start within 20 s
   */
  public static RedisServer start(Path dir, String password) throws Exception {
    if (!Files.isExecutable(Path.of(BINARY))) {
      throw new IllegalStateException(BINARY + " is missing: apt-get install redis-server");
    }
    Files.createDirectories(dir);
    int port = freePort();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                BINARY,
                "--port",
                "" + port,
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--dir",
                dir.toString(),
                "--daemonize",
                "no"));
    if (password != null) {
      cmd.addAll(List.of("--requirepass", password));
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    RedisServer server = new RedisServer(p, port, dir);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited: " + Files.readString(dir.resolve("redis.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return server;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    server.close();
    throw new IllegalStateException("redis-server did not listen on " + port + " within 20 s");
  }

  /**
   * @return host:port, as a RustyCluster's gcsStore.redis.address names it
   */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * @return its data folder
   */
  public Path dir() {
    return dir;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
