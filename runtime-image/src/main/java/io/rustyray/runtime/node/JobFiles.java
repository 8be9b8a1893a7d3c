package io.rustyray.runtime.node;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetJobJarsReply;
import io.rustyray.protocol.proto.GetJobJarsRequest;
import io.rustyray.protocol.proto.JobJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * What a node needs from the head to start a job's worker processes: the job's jars (written to
 * this node's disk once), its env and its worker JVM options. Clients that are not submitted jobs
 * (a driver run by hand) have none: their code comes from the runtime's classpath.
 */
final class JobFiles implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JobFiles.class);

  /** A job's worker configuration on this node. */
  record Job(List<Path> jars, Map<String, String> env, List<String> workerJvmOptions) {
    static final Job NONE = new Job(List.of(), Map.of(), List.of());
  }

  private final Supplier<GcsServiceGrpc.GcsServiceBlockingStub> gcs;
  private final Path workDir;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();

  JobFiles(Supplier<GcsServiceGrpc.GcsServiceBlockingStub> gcs, Path workDir) {
    this.gcs = gcs;
    this.workDir = workDir;
  }

  /**
   * @return the job's configuration, asked of the head the first time
   * @throws StatusException UNAVAILABLE when the head cannot say (nothing is cached then)
   */
  Job forJob(String jobId) throws StatusException {
    if (!jobId.startsWith("job-")) {
      return Job.NONE;
    }
    Job known = jobs.get(jobId);
    if (known != null) {
      return known;
    }
    GetJobJarsReply reply;
    try {
      reply =
          gcs.get()
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .getJobJars(GetJobJarsRequest.newBuilder().setJobId(jobId).build());
    } catch (StatusRuntimeException e) {
      throw Status.UNAVAILABLE
          .withDescription("cannot fetch the jars of " + jobId + " from the head: " + e.getStatus())
          .asException();
    }
    Job job =
        new Job(
            store(jobId, reply.getJarsList()),
            Map.copyOf(reply.getEnvMap()),
            List.copyOf(reply.getWorkerJvmOptionsList()));
    jobs.put(jobId, job);
    return job;
  }

  private List<Path> store(String jobId, List<JobJar> jars) throws StatusException {
    List<Path> files = new ArrayList<>();
    try {
      Path dir = Files.createDirectories(workDir.resolve(jobId));
      for (JobJar jar : jars) {
        Path file = dir.resolve(Path.of(jar.getName()).getFileName());
        Files.write(file, jar.getContent().toByteArray());
        files.add(file);
      }
    } catch (IOException e) {
      throw Status.INTERNAL
          .withDescription("cannot store the jars of " + jobId + ": " + e)
          .asException();
    }
    if (!files.isEmpty()) {
      LOG.infof("the workers of %s load its classes from %d jar(s)", jobId, files.size());
    }
    return files;
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debugf("cannot clean %s: %s", workDir, e);
    }
  }
}
