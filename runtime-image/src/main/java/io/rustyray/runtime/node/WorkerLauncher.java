package io.rustyray.runtime.node;

import io.rustyray.runtime.server.RuntimeClasspath;
import io.rustyray.runtime.worker.WorkerSettings;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker process: this JVM's java, the node's default worker options, then
 * the job's, then the actor's (later ones win), and the runtime's classpath followed by the job's
 * jars.
 */
final class WorkerLauncher {
  static final String MAIN_CLASS = "io.rustyray.runtime.worker.WorkerMain";

  /**
   * Always set: user code that runs out of memory ends its worker at once, instead of limping on
   * with a broken heap; the node then reports the worker's death with the reason.
   */
  private static final List<String> REQUIRED =
      List.of(
          "-XX:+ExitOnOutOfMemoryError",
          "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");

  private final List<String> defaults;
  private final List<String> classData = WorkerClassData.options();

  /**
   * @param defaults options every worker of this node gets first, such as a heap share
   */
  WorkerLauncher(List<String> defaults) {
    this.defaults = List.copyOf(defaults);
  }

  private static final List<String> NAME_RESOLUTION =
      List.of("jdk.net.hosts.file", "java.security.properties");

  ProcessBuilder builder(WorkerSettings settings, JobFiles.Job job, List<String> actorOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(classData);
    command.addAll(defaults);
    // Workers call the head by the name the node does (durable actors' checkpoints, nested
    // calls): they resolve it as the node does, with its hosts file and its short DNS cache.
    for (String property : NAME_RESOLUTION) {
      String value = System.getProperty(property);
      if (value != null) {
        command.add("-D" + property + "=" + value);
      }
    }
    command.addAll(job.workerJvmOptions());
    command.addAll(actorOptions);
    command.addAll(REQUIRED);
    List<String> classpath = new ArrayList<>(RuntimeClasspath.withRuntime());
    job.jars().forEach(jar -> classpath.add(jar.toString()));
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(MAIN_CLASS);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(job.env());
    builder.environment().putAll(settings.toEnv());
    // The node's own options (JAVA_OPTS, a debugger's agent) are not the worker's.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    return builder;
  }
}
