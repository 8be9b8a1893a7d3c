package io.rustyray.runtime.gcs.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the tables in this process only: a head restart starts from nothing, as by default. */
public final class MemoryStore implements GcsStore {
  private final Map<String, Map<String, byte[]>> tables = new ConcurrentHashMap<>();

  private Map<String, byte[]> table(String name) {
    return tables.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
  }

  @Override
  public void put(String table, String key, byte[] value) {
    table(table).put(key, value.clone());
  }

  @Override
  public void delete(String table, String key) {
    table(table).remove(key);
  }

  @Override
  public Map<String, byte[]> load(String table) {
    return Map.copyOf(table(table));
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
