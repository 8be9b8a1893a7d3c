package io.rustyray.runtime.objects;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A node's store of objects too large to travel inline. */
public final class ObjectStore {
  private final ConcurrentHashMap<String, byte[]> objects = new ConcurrentHashMap<>();
  private final AtomicLong usedBytes = new AtomicLong();
  private final long capacityBytes;

  public ObjectStore(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  public void put(String objectId, byte[] data) {
    byte[] previous = objects.put(objectId, data);
    usedBytes.addAndGet(data.length - (previous == null ? 0 : previous.length));
  }

  public Optional<byte[]> get(String objectId) {
    return Optional.ofNullable(objects.get(objectId));
  }

  public void free(String objectId) {
    byte[] removed = objects.remove(objectId);
    if (removed != null) {
      usedBytes.addAndGet(-removed.length);
    }
  }

  public long usedBytes() {
    return usedBytes.get();
  }

  public long capacityBytes() {
    return capacityBytes;
  }
}
