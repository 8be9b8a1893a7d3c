package io.rustyray.runtime.it.probe;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.Rusty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tasks that show where they run and how they fail. They reach the workers only in the jar of the
 * job that the worker suite submits: the runtime's own classpath does not have them.
 */
public final class Probe {
  private Probe() {}

  /** The pid of the process that runs the task. */
  public static long pid() {
    return ProcessHandle.current().pid();
  }

  public static int exit(int code) {
    System.exit(code);
    return code;
  }

  /**
   * Exits its worker the first time (when {@code marker} does not exist yet), and returns its pid
   * the next time.
   */
  public static long exitTheFirstTime(String marker) throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Path.of(marker);
    if (!java.nio.file.Files.exists(file)) {
      java.nio.file.Files.createFile(file);
      System.exit(9);
    }
    return pid();
  }

  /** Allocates until the heap is gone. */
  public static int exhaustMemory() {
    List<long[]> hog = new ArrayList<>();
    while (true) {
      hog.add(new long[1 << 20]);
    }
  }

  /** The runtime context as {@code jobId|nodeId|actorId|restarted}. */
  public static String context() {
    return describe(Rusty.getRuntimeContext());
  }

  static String describe(RuntimeContext context) {
    return context.jobId()
        + "|"
        + context.nodeId()
        + "|"
        + context.actorId()
        + "|"
        + context.wasCurrentActorRestarted();
  }

  public static int square(int x) {
    return x * x;
  }

  /** Sums the squares below {@code n}, each computed by a nested task, waited for with wait. */
  public static int nestedSumOfSquares(int n) {
    List<ObjectRef<Integer>> squares = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      squares.add(Rusty.task(Probe::square, i).remote());
    }
    Rusty.wait(squares, n, Duration.ofSeconds(60));
    return Rusty.get(squares).stream().mapToInt(Integer::intValue).sum();
  }

  /** Puts a value from inside the task and reads it back through its reference. */
  public static String putAndGet(String value) {
    return Rusty.put(value).get();
  }

  /** Finds a named actor from inside the task and asks it for its context. */
  public static String askNamedActor(String name) {
    return Rusty.<ProbeActor>getActor(name).orElseThrow().task(ProbeActor::context).remote().get();
  }

  /** Fails {@code depth} nested tasks down. */
  public static int failDeep(int depth) {
    if (depth == 0) {
      throw new IllegalStateException("deep failure at the bottom");
    }
    return Rusty.task(Probe::failDeep, depth - 1).remote().get();
  }

  /** A variable of the worker's environment, or empty. */
  public static String env(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }

  /** Prints a line, for the job's log. */
  public static String say(String line) {
    System.out.println(line);
    System.out.flush();
    return line;
  }
}
