package io.rustyray.protocol.function;

/**
 * How a named task or actor call shows where users look: in its errors and, while it runs, in the
 * name of the thread that runs it (Ray's {@code setName}).
 */
public final class TaskNames {
  private TaskNames() {}

  /**
   * @param name the name the caller gave, or empty
   * @param function the function called
   * @return the call as its errors name it: {@code task 'foo' (io.x.Fns.add(int, int))}
   */
  public static String display(String name, ResolvedFunction function) {
    return display(name, function.display());
  }

  /**
   * @param name the name the caller gave, or empty
   * @param function the function called, in readable form
   * @return the call as its errors name it
   */
  public static String display(String name, String function) {
    return name == null || name.isEmpty() ? function : "task '" + name + "' (" + function + ")";
  }

  /**
   * Names the calling thread after the call while it runs, as a thread dump or a profiler shows it;
   * closing gives the thread its name back.
   *
   * @param name the call's name, or empty: the thread keeps its own
   * @return what gives the name back
   */
  public static ThreadName nameThread(String name) {
    Thread thread = Thread.currentThread();
    String before = thread.getName();
    if (name != null && !name.isEmpty()) {
      thread.setName(before + " task:" + name);
    }
    return () -> thread.setName(before);
  }

  /** Gives a thread its name back. */
  @FunctionalInterface
  public interface ThreadName extends AutoCloseable {
    @Override
    void close();
  }
}
