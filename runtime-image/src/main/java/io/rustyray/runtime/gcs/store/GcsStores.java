package io.rustyray.runtime.gcs.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Opens the store that {@code --gcs-store URI} names. */
public final class GcsStores {
  /** The accepted forms, for help texts and error messages. */
  public static final String FORMS =
      "empty or 'memory' (in memory, lost with the head), 'file:DIR' (a directory on local disk)"
          + " or 'redis://[user:password@]host:port[/db]' (password also from "
          + RedisLocation.PASSWORD_ENV
          + ")";

  private GcsStores() {}

  /**
   * Opens the store and checks at once that it can be used, so that a head started on a wrong or
   * unreachable store fails at start instead of at its first write.
   *
   * @param uri the store's URI; null or empty for the in-memory store
   * @param env the environment, where a Redis password may come from
   * @return the opened store, to be closed by the caller
   * @throws IllegalArgumentException if {@code uri} is of no accepted form
   * @throws StoreUnavailableException if the store cannot be reached or opened
   */
  public static GcsStore open(String uri, Map<String, String> env)
      throws StoreUnavailableException {
    String u = uri == null ? "" : uri.strip();
    if (u.isEmpty() || u.equals("memory")) {
      return new MemoryStore();
    }
    if (u.startsWith("file:")) {
      return FileStore.open(filePath(u));
    }
    if (u.startsWith("redis://")) {
      return RedisStore.open(RedisLocation.parse(u, env));
    }
    throw new IllegalArgumentException(
        "unknown GCS store '" + RedisLocation.redact(u) + "': use " + FORMS);
  }

  private static Path filePath(String uri) {
    String dir = uri.substring("file:".length());
    if (dir.isEmpty()) {
      throw new IllegalArgumentException("GCS store 'file:' names no directory: use " + FORMS);
    }
    // file:///abs/dir is a URI; file:DIR and file:/abs/dir are taken as a plain path.
    return dir.startsWith("//") ? Path.of(URI.create(uri)) : Path.of(dir);
  }
}
