package io.rustyray.runtime.gcs.store;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link GcsStore} in memory for tests, that can pretend to be durable (a new head on the same
 * instance sees what the old one wrote), refuse writes on demand, and count the bytes written.
 */
public final class InMemoryTestStore implements GcsStore {
  private final Map<String, Map<String, byte[]>> tables = new ConcurrentHashMap<>();
  private final boolean durable;
  private volatile boolean failing;
  private final AtomicLong bytesWritten = new AtomicLong();

  /** A store whose content outlives the heads that use it, as a file or Redis store's does. */
  public InMemoryTestStore() {
    this(true);
  }

  public InMemoryTestStore(boolean durable) {
    this.durable = durable;
  }

  /** From now on every write throws, as a store that cannot be reached does. */
  public void failWrites(boolean failing) {
    this.failing = failing;
  }

  /** Bytes written by every put so far. */
  public long bytesWritten() {
    return bytesWritten.get();
  }

  private Map<String, byte[]> table(String table) {
    return tables.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
  }

  @Override
  public void put(String table, String key, byte[] value) throws StoreUnavailableException {
    if (failing) {
      throw new StoreUnavailableException("the test store refuses writes");
    }
    bytesWritten.addAndGet(value.length);
    table(table).put(key, value.clone());
  }

  @Override
  public void delete(String table, String key) throws StoreUnavailableException {
    if (failing) {
      throw new StoreUnavailableException("the test store refuses writes");
    }
    table(table).remove(key);
  }

  @Override
  public Map<String, byte[]> load(String table) {
    return new TreeMap<>(table(table));
  }

  @Override
  public boolean durable() {
    return durable;
  }

  @Override
  public String describe() {
    return "test-memory";
  }

  @Override
  public boolean reachable() {
    return !failing;
  }

  @Override
  public void close() {}
}
