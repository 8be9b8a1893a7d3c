package io.rustyray.e2e.kubelet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's hosts file ({@code <pod folder>/hosts}, read by its JVMs through {@code
 * -Djdk.net.hosts.file}): the latest text the sync loop computed, written only when it changed, and
 * atomically, since the JDK re-reads it at every lookup and must never see half a file.
 */
final class PodHostsFile {
  private static final Logger LOG = LoggerFactory.getLogger(PodHostsFile.class);

  private final String pod;
  private final Path file;
  private final Supplier<String> beforeFirstUpdate;
  private volatile String text;

  /**
   * @param pod the pod's namespace/name, for the log
   * @param file where the file goes
   * @param beforeFirstUpdate computes the text until the sync loop has given one, so that no
   *     process starts without a hosts file
   */
  PodHostsFile(String pod, Path file, Supplier<String> beforeFirstUpdate) {
    this.pod = pod;
    this.file = file;
    this.beforeFirstUpdate = beforeFirstUpdate;
  }

  Path path() {
    return file;
  }

  /** New text for the file, from the sync loop; written at the next {@link #write()}. */
  void update(String newText) {
    text = newText;
  }

  /** Writes the latest text, unless the file holds it already. */
  void write() {
    String current = text;
    if (current == null) {
      current = beforeFirstUpdate.get();
    }
    try {
      if (Files.exists(file) && Files.readString(file).equals(current)) {
        return;
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, current, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("pod {}: cannot write {}: {}", pod, file, e.toString());
    }
  }
}
