package io.rustyray.runtime.gcs.store;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The default store: tables in this process's memory, lost with it. */
public final class MemoryStore implements GcsStore {
  private final Map<String, Map<String, byte[]>> tables = new ConcurrentHashMap<>();

  @Override
  public void put(String table, String key, byte[] value) {
    // Copies on the way in and out, as the durable stores do, so that a caller who reuses its
    // array cannot change what the store holds.
    tables.computeIfAbsent(table, t -> new ConcurrentHashMap<>()).put(key, value.clone());
  }

  @Override
  public void delete(String table, String key) {
    Map<String, byte[]> entries = tables.get(table);
    if (entries != null) {
      entries.remove(key);
    }
  }

  @Override
  public Map<String, byte[]> load(String table) {
    Map<String, byte[]> copy = new HashMap<>();
    tables.getOrDefault(table, Map.of()).forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public boolean reachable() {
    return true;
  }

  @Override
  public void close() {}
}
