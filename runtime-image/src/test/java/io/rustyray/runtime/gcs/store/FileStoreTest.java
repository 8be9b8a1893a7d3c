package io.rustyray.runtime.gcs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest extends GcsStoreContract {
  @TempDir Path temp;
  private Path dir;

  @Override
  protected void emptyBackend() {
    dir = temp.resolve("gcs");
  }

  @Override
  protected GcsStore openStore() throws StoreUnavailableException {
    return FileStore.open(dir);
  }

  @Test
  void describeIsFileAndTheAbsoluteDirectoryAndTheStoreIsDurable() {
    assertThat(store.describe()).isEqualTo("file:" + dir.toAbsolutePath().normalize());
    assertThat(store.durable()).isTrue();
  }

  @Test
  void aMissingDirectoryIsCreatedWithOneStoreFileInIt() throws Exception {
    Path nested = temp.resolve("a/b/c");

    try (GcsStore created = FileStore.open(nested)) {
      created.put("kv", "k", bytes("v"));
    }

    assertThat(nested.resolve(FileStore.FILE_NAME)).isRegularFile();
  }

  @Test
  void aSecondStoreOnADirectoryThatIsOpenIsRefusedNamingTheDirectory() {
    assertThatThrownBy(() -> FileStore.open(dir))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining(dir.toAbsolutePath().normalize().toString())
        .hasMessageContaining("in use");
  }

  @Test
  void aDirectoryHeldByAnotherLiveProcessIsRefusedNamingTheDirectory() throws Exception {
    store.close();
    Process child = startChild(1);
    try {
      awaitWritten(child);

      assertThatThrownBy(() -> FileStore.open(dir))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("file:" + dir.toAbsolutePath().normalize())
          .hasMessageContaining("another live process");
    } finally {
      kill(child);
    }
    store = FileStore.open(dir);
  }

  @Test
  void aWriteThatReturnedSurvivesAKill9OfTheProcess() throws Exception {
    store.close();
    Process child = startChild(100);
    try {
      awaitWritten(child);
    } finally {
      kill(child);
    }

    store = FileStore.open(dir);

    Map<String, String> actors = text(store.load("actors"));
    assertThat(actors).hasSize(100).containsEntry("a0", "v0").containsEntry("a99", "v99");
  }

  @Test
  void aPathThatIsARegularFileIsRefusedSayingItIsNoDirectory() throws Exception {
    Path file = Files.writeString(temp.resolve("plain-file"), "not a store");

    assertThatThrownBy(() -> FileStore.open(file))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a directory");
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsRefusedNamingIt() throws Exception {
    Path file = Files.writeString(temp.resolve("plain-file"), "not a directory");
    Path below = file.resolve("gcs");

    assertThatThrownBy(() -> FileStore.open(below))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining(below.toString())
        .hasMessageContaining("cannot create the directory");
  }

  @Test
  void aClosedStoreRefusesWritesAndIsNotReachable() {
    store.close();

    assertThat(store.reachable()).isFalse();
    assertThatThrownBy(() -> store.put("kv", "k", bytes("v")))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("file:" + dir.toAbsolutePath().normalize());
  }

  private Process startChild(int keys) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            FileStoreChild.class.getName(),
            dir.toString(),
            String.valueOf(keys))
        .redirectErrorStream(true)
        .start();
  }

  /** Waits until the child printed "written": its puts have returned. */
  private static void awaitWritten(Process child) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    CompletableFuture<Boolean> written =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.equals("written")) {
                    return true;
                  }
                  seen.append(line).append('\n');
                }
                return false;
              } catch (java.io.IOException e) {
                return false;
              }
            });
    assertThat(written.get(60, TimeUnit.SECONDS))
        .as("the child said \"written\"; it printed:\n%s", seen)
        .isTrue();
  }

  private static void kill(Process child) throws InterruptedException {
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }
}
