package io.rustyray.runtime.gcs.store;

import java.util.Map;

/** Opens the store a {@code --gcs-store} URI names. */
public final class GcsStores {
  private GcsStores() {}

  public static GcsStore open(String uri, Map<String, String> env)
      throws StoreUnavailableException {
    if (uri == null || uri.isBlank()) {
      return new MemoryStore();
    }
    throw new IllegalArgumentException(
        "'" + uri + "' is not a store: use file:DIR or redis://[user:password@]host:port[/db]");
  }
}
