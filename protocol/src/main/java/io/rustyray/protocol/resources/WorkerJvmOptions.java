package io.rustyray.protocol.resources;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JVM options a job or an actor may give its worker processes: anything but what would replace
 * the worker's program (its classpath or main class).
 */
public final class WorkerJvmOptions {
  /** Options that would replace the worker's classpath or main class. */
  public static final Set<String> RESERVED =
      Set.of("-cp", "-classpath", "--class-path", "-jar", "-m", "--module", "--module-path", "-p");

  private WorkerJvmOptions() {}

  /**
   * @param options JVM options such as {@code -Xmx256m} or {@code -Dkey=value}
   * @return what is wrong with them, or empty when they can be used
   */
  public static Optional<String> problem(List<String> options) {
    for (String option : options) {
      if (option.isBlank() || !option.startsWith("-")) {
        return Optional.of("a JVM option starts with '-', got '" + option + "'");
      }
      String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
      if (RESERVED.contains(name)) {
        return Optional.of(
            "the JVM option "
                + name
                + " is not allowed: the runtime sets the worker's classpath and program (ship"
                + " code in the job's jars instead)");
      }
    }
    return Optional.empty();
  }
}
