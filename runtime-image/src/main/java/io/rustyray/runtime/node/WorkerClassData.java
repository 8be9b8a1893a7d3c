package io.rustyray.runtime.node;

import io.rustyray.runtime.server.RuntimeClasspath;
import java.nio.file.Files;
import java.util.List;

/**
 * The class-data archive (AppCDS) of what a worker process loads to start, which the build makes
 * next to the fast-jar ({@code worker-class-data.jsa}, by a JVM that only loads those classes; the
 * runtime image makes its own). Workers started with it reach their first call in about half the
 * time and with less memory. Without it, and whenever the JVM cannot use it (other options, other
 * jars, a moved folder), workers start without it: the archive only speeds things up.
 */
final class WorkerClassData {
  /** Archive problems are no one's business but the node's: a worker's output is its job's. */
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private WorkerClassData() {}

  /** What a worker's command line gets: the archive, when the runtime has one. */
  static List<String> options() {
    return RuntimeClasspath.fastJar()
        .map(app -> app.resolve("worker-class-data.jsa"))
        .filter(Files::isRegularFile)
        .map(archive -> concat(QUIET, "-XX:SharedArchiveFile=" + archive))
        .orElse(List.of());
  }

  private static List<String> concat(List<String> options, String last) {
    List<String> all = new java.util.ArrayList<>(options);
    all.add(last);
    return all;
  }
}
