package io.rustyray.runtime.gcs;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The GCS's key-value table. */
final class KvStore {
  private final ConcurrentSkipListMap<String, ByteString> entries = new ConcurrentSkipListMap<>();

  boolean put(String key, ByteString value, boolean overwrite) {
    if (overwrite) {
      return entries.put(key, value) == null;
    }
    return entries.putIfAbsent(key, value) == null;
  }

  Optional<ByteString> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  boolean delete(String key) {
    return entries.remove(key) != null;
  }

  List<String> keys(String prefix) {
    return entries.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
  }
}
