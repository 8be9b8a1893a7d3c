package io.rustyray.runtime.jobs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * What a job's driver JVM runs: the job's main class, in a JVM that ends as soon as the head that
 * started it is gone (SIGKILL included, when no hook of the head's runs). A new head cannot follow
 * an old head's driver, so the driver must not run on unaccounted for.
 */
public final class DriverMain {
  private static final long PARENT_CHECK_MS = 200;

  private DriverMain() {}

  /**
   * @param args the job's main class, then its arguments
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: DriverMain <main class> [args...]");
      System.exit(2);
    }
    ProcessHandle head = ProcessHandle.current().parent().orElse(null);
    Thread watch = new Thread(() -> exitWhenGone(head), "driver-head-watch");
    watch.setDaemon(true);
    watch.start();
    Method main =
        Class.forName(args[0], true, ClassLoader.getSystemClassLoader())
            .getMethod("main", String[].class);
    if (!Modifier.isStatic(main.getModifiers())) {
      throw new IllegalArgumentException(args[0] + ".main is not static");
    }
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      // Ends as the job's own main would have: its exception printed, exit code 1.
      dropOwnFrames(e.getCause());
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** The failure message keeps the last lines: they should be the job's, not this launcher's. */
  private static void dropOwnFrames(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    int end = trace.length;
    while (end > 0 && launcherFrame(trace[end - 1].getClassName())) {
      end--;
    }
    failure.setStackTrace(Arrays.copyOf(trace, end));
  }

  private static boolean launcherFrame(String className) {
    return className.equals(DriverMain.class.getName())
        || className.startsWith("jdk.internal.reflect.")
        || className.equals("java.lang.reflect.Method");
  }

  private static void exitWhenGone(ProcessHandle head) {
    try {
      while (head != null && head.isAlive()) {
        Thread.sleep(PARENT_CHECK_MS);
      }
    } catch (InterruptedException e) {
      return;
    }
    Runtime.getRuntime().halt(1);
  }
}
