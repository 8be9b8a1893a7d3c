package io.rustyray.runtime.jobs;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.JobJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** A job's jars in the head's jobs folder: written at submission, read by the job's nodes. */
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
