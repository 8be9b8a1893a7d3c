package io.rustyray.runtime.jobs;

import io.rustyray.api.Rusty;
import io.rustyray.client.ClusterRuntimeFactory;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import io.rustyray.runtime.server.RuntimeClasspath;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Starts a job's driver JVM, connected to this cluster, through {@link DriverMain} so that it ends
 * with the head; and copies what it prints into the job's log as it comes.
 */
final class DriverLauncher {
  private static final Logger LOG = Logger.getLogger(DriverLauncher.class);
  private static final long STORE_RETRY_MS = 1_000;

  private final String headAddress;
  private final String token;

  DriverLauncher(String headAddress, String token) {
    this.headAddress = headAddress;
    this.token = token;
  }

  Process start(
      String jobId,
      Path dir,
      String mainClass,
      List<String> args,
      Map<String, String> env,
      List<Path> jars)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    command.add("-cp");
    // The runtime's own classes too, for DriverMain.
    List<String> classpath = new ArrayList<>(RuntimeClasspath.withRuntime());
    jars.forEach(j -> classpath.add(j.toString()));
    command.add(String.join(File.pathSeparator, classpath));
    command.add(DriverMain.class.getName());
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put(Rusty.ADDRESS_ENV, headAddress);
    builder.environment().put(Rusty.TOKEN_ENV, token);
    builder.environment().put(ClusterRuntimeFactory.JOB_ID_ENV, jobId);
    return builder.start();
  }

  /**
   * Copies the driver's output into its log until the driver closes it. While the store refuses
   * writes this waits and tries again, so the driver's prints block instead of being lost (a write
   * that failed half way, across two chunks, may then be kept twice).
   *
   * @return done when the output has ended
   */
  static CompletableFuture<Void> copyOutput(String jobId, Process driver, JobLog log) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread copier =
        new Thread(
            () -> {
              byte[] buffer = new byte[JobLog.CHUNK_BYTES];
              try (InputStream in = driver.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  appendUntilStored(jobId, log, Arrays.copyOf(buffer, n));
                }
              } catch (IOException e) {
                LOG.debugf("the output of job %s ended: %s", jobId, e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                done.complete(null);
              }
            },
            "job-output-" + jobId);
    copier.setDaemon(true);
    copier.start();
    return done;
  }

  private static void appendUntilStored(String jobId, JobLog log, byte[] data)
      throws InterruptedException {
    boolean warned = false;
    while (true) {
      try {
        log.append(data);
        return;
      } catch (StoreUnavailableException e) {
        if (!warned) {
          LOG.warnf("the output of job %s waits for the store: %s", jobId, e.getMessage());
          warned = true;
        }
        Thread.sleep(STORE_RETRY_MS);
      }
    }
  }
}
