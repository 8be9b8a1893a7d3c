package io.rustyray.runtime.jobs;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.GetJobJarsReply;
import io.rustyray.protocol.proto.JobJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** A job's jars in the head's jobs folder: written at submission, served to the job's nodes. */
final class JobJarFiles {
  private static final Logger LOG = Logger.getLogger(JobJarFiles.class);

  private JobJarFiles() {}

  /**
   * @return the files, in the order given (the classpath order), named so that they sort so
   */
  static List<Path> write(Path dir, List<JobJar> jars) throws StatusException {
    List<Path> files = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (JobJar jar : jars) {
        String name =
            Path.of(jar.getName()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        if (!name.endsWith(".jar")) {
          name = name + ".jar";
        }
        Path target = dir.resolve(files.size() + "-" + name);
        Files.write(target, jar.getContent().toByteArray());
        files.add(target);
      }
    } catch (IOException e) {
      deleteDir(dir);
      throw Status.INTERNAL.withDescription("cannot store the job's files: " + e).asException();
    }
    return files;
  }

  /**
   * What the nodes of a job start its workers with: its jars, read from {@code dir}, its env and
   * JVM options.
   *
   * @throws StatusException NOT_FOUND when the jars were on a disk this head does not have
   */
  static GetJobJarsReply reply(Path dir, JobTable.Stored job) throws StatusException {
    GetJobJarsReply.Builder reply =
        GetJobJarsReply.newBuilder().putAllEnv(job.env()).addAllWorkerJvmOptions(job.jvmOptions());
    try {
      for (String name : job.jarNames()) {
        reply.addJars(
            JobJar.newBuilder()
                .setName(name)
                .setContent(ByteString.copyFrom(Files.readAllBytes(dir.resolve(name)))));
      }
    } catch (NoSuchFileException e) {
      throw Status.NOT_FOUND
          .withDescription(
              "the jars of "
                  + job.info().getJobId()
                  + " were on the disk of an earlier head, which this head does not have: submit"
                  + " the job again")
          .asException();
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("cannot read the job's jars: " + e).asException();
    }
    return reply.build();
  }

  static void deleteDir(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debugf("cannot clean %s: %s", dir, e);
    }
  }
}
