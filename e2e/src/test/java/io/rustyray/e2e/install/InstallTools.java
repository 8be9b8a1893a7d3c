package io.rustyray.e2e.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the install checks render manifests with, as a user would: kubectl v1.33 (its built-in
 * kustomize v5) and helm, fetched once by {@code e2e/local-cluster.sh tools}.
 */
public final class InstallTools {
  private static volatile InstallTools instance;

  private final Path repo;
  private final String kubectl;
  private final String helm;

  private InstallTools(Path repo, String kubectl, String helm) {
    this.repo = repo;
    this.kubectl = kubectl;
    this.helm = helm;
  }

  /**
   * @return the tools, fetched on first use
   * @throws IOException when {@code local-cluster.sh tools} fails
   */
  public static InstallTools get() throws IOException {
    if (instance == null) {
      synchronized (InstallTools.class) {
        if (instance == null) {
          Path repo =
              Path.of(System.getProperty("rustyray.repo.dir", "..")).toAbsolutePath().normalize();
          String kubectl = null;
          String helm = null;
          String out = exec(repo, List.of("bash", "e2e/local-cluster.sh", "tools"));
          for (String line : out.split("\n")) {
            if (line.startsWith("kubectl=")) {
              kubectl = line.substring("kubectl=".length()).trim();
            } else if (line.startsWith("helm=")) {
              helm = line.substring("helm=".length()).trim();
            }
          }
          if (kubectl == null || helm == null) {
            throw new IOException("local-cluster.sh tools printed no tool paths:\n" + out);
          }
          instance = new InstallTools(repo, kubectl, helm);
        }
      }
    }
    return instance;
  }

  /**
   * @return the repository's root folder
   */
  public Path repo() {
    return repo;
  }

  /**
   * @return the path of kubectl v1.33
   */
  public String kubectl() {
    return kubectl;
  }

  /**
   * @return the path of helm
   */
  public String helm() {
    return helm;
  }

  /**
   * @param dir a Kustomize folder relative to the repository (e.g. {@code deploy/kustomize/base})
   * @return what {@code kubectl kustomize} prints for it
   * @throws IOException when kustomize fails
   */
  public String kustomize(String dir) throws IOException {
    return exec(repo, List.of(kubectl, "kustomize", repo.resolve(dir).toString()));
  }

  /**
   * @param args helm's arguments
   * @return what helm printed on stdout
   * @throws IOException when helm fails
   */
  public String helm(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(helm);
    cmd.addAll(List.of(args));
    return exec(repo, cmd);
  }

  /**
   * @param yaml a multi-document manifest
   * @return its objects, typed where fabric8 knows the kind
   */
  public static List<HasMetadata> objects(String yaml) {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    }
  }

  /**
   * @param objects manifests' objects
   * @param type the kind wanted
   * @return the one object of that kind
   */
  public static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one " + type.getSimpleName() + " in the manifests, found " + found.size());
    }
    return found.get(0);
  }

  /**
   * Runs a command in a folder, returns stdout, and fails with stderr when it exits non-zero.
   *
   * @param dir the working folder
   * @param cmd the command
   * @return its stdout
   * @throws IOException when it cannot run, fails or takes more than 10 minutes
   */
  public static String exec(Path dir, List<String> cmd) throws IOException {
    Path out = Files.createTempFile("install-out", ".log");
    Path err = Files.createTempFile("install-err", ".log");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + cmd);
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + Files.readString(err));
      }
      return Files.readString(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + cmd, e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
