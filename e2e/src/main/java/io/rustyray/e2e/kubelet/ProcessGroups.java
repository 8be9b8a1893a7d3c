package io.rustyray.e2e.kubelet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping containers' processes as a container runtime would. Each container's process was started
 * through {@code setsid}, so it leads a process group of its own: killing the group also kills
 * whatever it spawned (job drivers, shells), as tearing down a container does.
 */
final class ProcessGroups {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessGroups.class);

  private ProcessGroups() {}

  /**
   * SIGTERM to each process that still runs, up to {@code grace} for all of them to exit, then
   * SIGKILL to every process group, and waits until the processes are gone.
   *
   * @param processes the containers' main processes
   * @param grace how long they may take to exit on SIGTERM
   * @throws InterruptedException when interrupted
   */
  static void stop(List<Process> processes, Duration grace) throws InterruptedException {
    List<Process> running = processes.stream().filter(Process::isAlive).toList();
    running.forEach(p -> p.toHandle().destroy()); // SIGTERM to the container's main process
    Instant deadline = Instant.now().plus(grace);
    for (Process proc : running) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left > 0) {
        try {
          proc.onExit().get(left, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
          // still running: killed below
        }
      }
    }
    for (Process proc : processes) {
      kill(proc.pid());
      proc.waitFor();
    }
  }

  /**
   * SIGKILL to the process group that {@code pid} leads.
   *
   * @param pid the group leader, a container's main process
   */
  static void kill(long pid) {
    try {
      new ProcessBuilder("kill", "-KILL", "--", "-" + pid)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * Kills the process groups a previous kubelet left running (it was killed without its shutdown
   * hook): any pid recorded in a pod folder whose command line still names that folder. The
   * command-line check keeps a recycled pid of some other program alive.
   *
   * @param podsDir the folder of the pod folders
   * @throws IOException when it cannot be listed
   */
  static void killOrphans(Path podsDir) throws IOException {
    try (Stream<Path> dirs = Files.list(podsDir)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path pidFile : (Iterable<Path>) files::iterator) {
            if (pidFile.getFileName().toString().endsWith(".pid")) {
              killIfStillOf(dir, pidFile);
            }
          }
        }
      }
    }
  }

  private static void killIfStillOf(Path podDir, Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      Path cmdline = Path.of("/proc/" + pid + "/cmdline");
      if (Files.exists(cmdline)
          && new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
              .contains(podDir.toString())) {
        LOG.info("killing process group {} left over from {}", pid, podDir);
        kill(pid);
      }
      Files.deleteIfExists(pidFile);
    } catch (IOException | NumberFormatException e) {
      // not ours or already gone
    }
  }
}
