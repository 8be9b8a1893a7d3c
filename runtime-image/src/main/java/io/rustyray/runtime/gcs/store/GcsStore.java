package io.rustyray.runtime.gcs.store;

import java.util.Map;

/**
 * Where the GCS keeps what it acknowledges: tables of keys to bytes (protobuf messages), written
 * through before an answer leaves the head, and read back whole by a new head on the same store.
 * Implementations: in memory (nothing survives the process), a directory on local disk, and Redis.
 *
 * <p>Every method may be called from several threads. A write either reaches the store durably or
 * throws {@link StoreUnavailableException}; it never half-succeeds silently. A write that threw may
 * still have landed (a reply lost to a timeout): the caller must not acknowledge it, and must not
 * assume the old value is still there either.
 */
public interface GcsStore extends AutoCloseable {

  /** Writes {@code value} under {@code key} in {@code table}, replacing what was there. */
  void put(String table, String key, byte[] value) throws StoreUnavailableException;

  /** Removes {@code key} from {@code table}; removing what is absent is no error. */
  void delete(String table, String key) throws StoreUnavailableException;

  /** Every entry of {@code table}, for a head that starts on this store. */
  Map<String, byte[]> load(String table) throws StoreUnavailableException;

  /** Whether what is written survives this process (false only for the in-memory store). */
  boolean durable();

  /** Says what the store is, for logs and status, without secrets: {@code redis://host:6379/0}. */
  String describe();

  /** Whether the store answers now; cheap, for a health check that runs every second. */
  boolean reachable();

  @Override
  void close();
}
