package io.rustyray.runtime.gcs.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} as a child process on a loopback port of its own, with its
 * append-only file in a directory of the test's, for suites that need a Redis. It can be killed
 * with SIGKILL and started again on the same port and directory, where the append-only file brings
 * the data back.
 *
 * <p>The binary is {@code /usr/bin/redis-server} unless the system property {@code
 * rustyray.redis.server} names another.
 */
public final class RedisServerProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

  private final Path dir;
  private final int port;
  private final String password;
  private Process process;
  private boolean paused;

  private RedisServerProcess(Path dir, int port, String password) {
    this.dir = dir;
    this.port = port;
    this.password = password;
  }

  /** Starts a server without password on a free port, keeping its files in {@code dir}. */
  public static RedisServerProcess start(Path dir) {
    return start(dir, null);
  }

  /** Starts a server on a free port that asks for {@code password} (none when null). */
  public static RedisServerProcess start(Path dir, String password) {
    RedisServerProcess server = new RedisServerProcess(dir, freePort(), password);
    server.restart();
    return server;
  }

  /** A loopback port that nothing listens on (right now). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}, as store messages name it. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** {@code redis://127.0.0.1:port}, without the password. */
  public String uri() {
    return "redis://" + address();
  }

  public boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the server (again) on the same port and directory and waits until it answers; a no-op
   * while it runs.
   */
  public synchronized void restart() {
    if (running()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("rustyray.redis.server", "/usr/bin/redis-server"));
    command.addAll(
        List.of(
            "--port", String.valueOf(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "yes",
            // What a GCS store asks of Redis: a write it answered survives a SIGKILL of Redis
            // (everysec, the default, may hold a write back for seconds while an fsync is slow).
            "--appendfsync", "always",
            "--dir", dir.toString(),
            "--daemonize", "no"));
    if (password != null) {
      command.addAll(List.of("--requirepass", password));
    }
    try {
      Files.createDirectories(dir);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start " + command.get(0) + " (is redis-server installed?): " + e, e);
    }
    awaitAnswer();
  }

  /** Kills the server with SIGKILL, as a lost node would lose it, and waits for its end. */
  public synchronized void kill() {
    end(true);
  }

  /** Freezes the server (SIGSTOP): its port still accepts connections, but nothing answers. */
  public synchronized void pause() {
    signal("-STOP");
    paused = true;
  }

  /** Lets a {@link #pause() paused} server go on (SIGCONT). */
  public synchronized void resume() {
    signal("-CONT");
    paused = false;
  }

  private void signal(String signal) {
    if (!running()) {
      throw new IllegalStateException("redis-server on port " + port + " is not running");
    }
    try {
      int exit =
          new ProcessBuilder("kill", signal, String.valueOf(process.pid())).start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill " + signal + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server (SIGTERM) and waits for its end. */
  public synchronized void stop() {
    end(false);
  }

  @Override
  public void close() {
    stop();
  }

  private void end(boolean forcibly) {
    if (process == null) {
      return;
    }
    // A paused server would hold SIGTERM until continued: only SIGKILL ends it at once.
    if (forcibly || paused) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping redis-server on " + port, e);
    }
    process = null;
    paused = false;
  }

  private Path log() {
    return dir.resolve("redis-" + port + ".log");
  }

  // Polls with a raw PING rather than a Redis client, so the helper needs nothing but the JDK; a
  // server with a password answers NOAUTH, which also means it is up.
  private void awaitAnswer() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server on port " + port + " exited with " + process.exitValue() + ": " + tail());
      }
      if (answersPing()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    end(true);
    throw new IllegalStateException(
        "redis-server on port " + port + " did not answer in " + READY_TIMEOUT + ": " + tail());
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(loopback(), port), 500);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return line != null && (line.startsWith("+PONG") || line.startsWith("-NOAUTH"));
    } catch (IOException e) {
      return false;
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static java.net.InetAddress loopback() {
    try {
      return java.net.InetAddress.getByName("127.0.0.1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
