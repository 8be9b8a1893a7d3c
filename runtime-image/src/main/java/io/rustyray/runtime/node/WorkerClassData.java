package io.rustyray.runtime.node;

import io.rustyray.runtime.server.DaemonThreads;
import io.rustyray.runtime.server.RuntimeClasspath;
import io.rustyray.runtime.worker.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A class-data archive (AppCDS) of what a worker process loads to start, made once when the node
 * starts, by a JVM that only loads those classes. Workers started with it reach their first call in
 * about half the time and with less memory. Until it is ready, and whenever the JVM cannot use it
 * (other options, other jars), workers start without it: the archive only speeds things up.
 */
final class WorkerClassData {
  private static final Logger LOG = Logger.getLogger(WorkerClassData.class);
  private static final long TRAINING_SECONDS = 120;

  /** Archive problems are no one's business but the node's: a worker's output is its job's. */
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private final Path archive;
  private volatile boolean ready;

  /**
   * @param nodeDir a folder of this node's own, used when the machine-wide one is not safe
   */
  WorkerClassData(Path nodeDir) {
    Path built =
        RuntimeClasspath.fastJar().map(app -> app.resolve("worker-class-data.jsa")).orElse(null);
    if (built != null && Files.isRegularFile(built)) {
      this.archive = built;
      return;
    }
    Path shared =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "rustyray-worker-class-data-" + System.getProperty("user.name"));
    Path dir = PrivateFolder.create(shared).orElse(nodeDir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      LOG.debugf("cannot create %s: %s", dir, e);
    }
    this.archive = dir.resolve("worker-" + key() + ".jsa");
  }

  /** Names the runtime's jars and the JVM: another build or JDK makes another archive. */
  private static String key() {
    StringBuilder what = new StringBuilder(System.getProperty("java.home"));
    what.append(System.getProperty("java.vm.version"));
    for (String entry : RuntimeClasspath.withRuntime()) {
      for (String part : entry.split(File.pathSeparator)) {
        Path path = Path.of(part.endsWith("*") ? part.substring(0, part.length() - 1) : part);
        try (Stream<Path> files = Files.isDirectory(path) ? Files.list(path) : Stream.of(path)) {
          for (Path file : files.sorted().toList()) {
            what.append(file).append(file.toFile().length()).append(file.toFile().lastModified());
          }
        } catch (IOException e) {
          what.append(path);
        }
      }
    }
    return Integer.toHexString(what.toString().hashCode());
  }

  /** Starts making the archive, in the background. */
  void prepare() {
    DaemonThreads.named("worker-class-data").newThread(this::make).start();
  }

  /** What a worker's command line gets: the archive, once it exists. */
  List<String> options() {
    if (!ready) {
      return List.of();
    }
    List<String> options = new ArrayList<>(QUIET);
    options.add("-XX:SharedArchiveFile=" + archive);
    return options;
  }

  private void make() {
    if (Files.isRegularFile(archive)) {
      ready = true;
      return;
    }
    Path partial =
        archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:ArchiveClassesAtExit=" + partial);
    command.addAll(QUIET);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, RuntimeClasspath.withRuntime()));
    command.add(WorkerLauncher.MAIN_CLASS);
    command.add(WorkerMain.TRAIN);
    try {
      Process training =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!training.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS)) {
        training.destroyForcibly();
        LOG.infof("no class-data archive for workers: making it took over %d s", TRAINING_SECONDS);
        return;
      }
      if (training.exitValue() != 0 || !Files.exists(partial)) {
        LOG.infof(
            "no class-data archive for workers: the training run exited with code %d",
            training.exitValue());
        return;
      }
      // Atomic: a node starting a worker meanwhile sees the whole archive or none.
      Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
      ready = true;
      LOG.debugf("class-data archive for workers ready: %s", archive);
    } catch (IOException e) {
      // Another node may have made it first.
      ready = Files.isRegularFile(archive);
      if (!ready) {
        LOG.infof("no class-data archive for workers: %s", e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      partial.toFile().delete();
    }
  }
}
