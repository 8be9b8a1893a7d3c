package io.rustyray.runtime.gcs;

import com.google.protobuf.ByteString;
import io.grpc.StatusException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The GCS's key-value table, written through to the store before a put or delete is answered.
 * Writes are serialized so that a put-if-absent and the store agree; reads never wait.
 */
final class KvStore {
  private final ConcurrentSkipListMap<String, ByteString> entries = new ConcurrentSkipListMap<>();
  private final DurableTables tables;

  KvStore(DurableTables tables) {
    this.tables = tables;
  }

  void recover(Map<String, ByteString> stored) {
    entries.putAll(stored);
  }

  synchronized boolean put(String key, ByteString value, boolean overwrite) throws StatusException {
    boolean absent = !entries.containsKey(key);
    if (!absent && !overwrite) {
      return false;
    }
    tables.putKv(key, value);
    entries.put(key, value);
    return absent;
  }

  Optional<ByteString> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  synchronized boolean delete(String key) throws StatusException {
    if (!entries.containsKey(key)) {
      return false;
    }
    tables.deleteKv(key);
    entries.remove(key);
    return true;
  }

  List<String> keys(String prefix) {
    return entries.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
  }

  int size() {
    return entries.size();
  }
}
