package io.rustyray.runtime.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Reads what a worker process prints, line by line: each line goes to the node's own output and to
 * the job's log, marked with the worker that printed it (as Ray marks workers' lines with their
 * pid), and the last lines are kept to say why a worker that died did.
 */
final class WorkerOutput implements Runnable {
  private static final int TAIL_LINES = 20;

  private final InputStream in;
  private final String prefix;
  private final Consumer<String> sink;
  private final Deque<String> tail = new ArrayDeque<>();
  private volatile boolean outOfMemory;

  /**
   * @param in the worker's merged stdout and stderr
   * @param prefix put before every line, such as {@code (pid=123, node=w1) }
   * @param sink told every marked line
   */
  WorkerOutput(InputStream in, String prefix, Consumer<String> sink) {
    this.in = in;
    this.prefix = prefix;
    this.sink = sink;
  }

  @Override
  public void run() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.contains("java.lang.OutOfMemoryError")) {
          outOfMemory = true;
        }
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        sink.accept(prefix + line);
      }
    } catch (IOException e) {
      // The worker is gone; its exit says the rest.
    }
  }

  /** Whether the worker said it ran out of memory. */
  boolean outOfMemory() {
    return outOfMemory;
  }

  /** The last lines it printed. */
  String tail() {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }
}
