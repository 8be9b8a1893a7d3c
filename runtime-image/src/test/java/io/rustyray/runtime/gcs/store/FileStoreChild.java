package io.rustyray.runtime.gcs.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of {@link FileStoreTest}: opens the store in {@code args[0]}, writes {@code
 * args[1]} keys to the table "actors", says "written" and waits to be killed, holding the store
 * open. It never closes the store, so only what each put made durable can survive.
 */
public final class FileStoreChild {
  private FileStoreChild() {}

  public static void main(String[] args) throws Exception {
    GcsStore store = FileStore.open(Path.of(args[0]));
    int keys = Integer.parseInt(args[1]);
    for (int i = 0; i < keys; i++) {
      store.put("actors", "a" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
    }
    System.out.println("written");
    System.out.flush();
    // Bounded, so that a test that dies before killing it leaves no process behind for long.
    Thread.sleep(120_000);
  }
}
