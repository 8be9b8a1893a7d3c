package io.rustyray.runtime.node;

import io.grpc.StatusRuntimeException;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetJobJarsReply;
import io.rustyray.protocol.proto.GetJobJarsRequest;
import io.rustyray.protocol.proto.JobJar;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A class loader per job, over the jars the job was submitted with, so that jobs never see each
 * other's classes. Jobs without jars (and clients that are not jobs) use the runtime's own
 * classpath.
 */
final class JobClassLoaders implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JobClassLoaders.class);

  private final ClassLoader runtime;
  private final Supplier<GcsServiceGrpc.GcsServiceBlockingStub> gcs;
  private final Path workDir;
  private final Map<String, ClassLoader> loaders = new ConcurrentHashMap<>();

  JobClassLoaders(
      ClassLoader runtime, Supplier<GcsServiceGrpc.GcsServiceBlockingStub> gcs, Path workDir) {
    this.runtime = runtime;
    this.gcs = gcs;
    this.workDir = workDir;
  }

  ClassLoader forJob(String jobId) {
    if (jobId.isEmpty() || !jobId.startsWith("job-")) {
      return runtime;
    }
    ClassLoader known = loaders.get(jobId);
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
      // Not cached: the next call asks again.
      LOG.warnf("cannot fetch the jars of %s: %s", jobId, e.getStatus());
      return runtime;
    }
    return loaders.computeIfAbsent(jobId, id -> build(id, reply.getJarsList()));
  }

  private ClassLoader build(String jobId, List<JobJar> jars) {
    if (jars.isEmpty()) {
      return runtime;
    }
    List<URL> urls = new ArrayList<>();
    try {
      Path dir = Files.createDirectories(workDir.resolve(jobId));
      for (JobJar jar : jars) {
        Path file = dir.resolve(Path.of(jar.getName()).getFileName());
        Files.write(file, jar.getContent().toByteArray());
        urls.add(file.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot store the jars of " + jobId + ": " + e, e);
    }
    LOG.infof("loading the classes of %s from %d jar(s)", jobId, urls.size());
    return new URLClassLoader("job-" + jobId, urls.toArray(URL[]::new), runtime);
  }

  @Override
  public void close() {
    for (ClassLoader loader : loaders.values()) {
      if (loader instanceof URLClassLoader u) {
        try {
          u.close();
        } catch (IOException e) {
          LOG.debugf("closing a job class loader: %s", e);
        }
      }
    }
  }
}
