package io.rustyray.runtime.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A node's store of objects too large to travel inline. Memory is bounded: when an object does not
 * fit, the least recently used ones are spilled to files on local disk, and reading a spilled
 * object brings it back into memory (spilling others if need be). Each object remembers its owner,
 * so that everything an exited owner owned can be freed at once.
 */
public final class ObjectStore implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ObjectStore.class);

  private static final class Entry {
    final String owner;
    final long size;
    byte[] inMemory;

    Entry(String owner, long size) {
      this.owner = owner;
      this.size = size;
    }
  }

  /** Access-ordered, so iteration starts at the least recently used object. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  private final long capacityBytes;
  private final Path spillDir;
  private long usedBytes;
  private long spilledBytes;

  /**
   * @param capacityBytes how many bytes of objects may stay in memory
   * @param spillDir where objects that do not fit go; created, and emptied on close
   */
  public ObjectStore(long capacityBytes, Path spillDir) {
    this.capacityBytes = capacityBytes;
    this.spillDir = spillDir;
    try {
      Files.createDirectories(spillDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the spill directory " + spillDir, e);
    }
  }

  public synchronized void put(String objectId, String owner, byte[] data) {
    free(objectId);
    Entry entry = new Entry(owner, data.length);
    entries.put(objectId, entry);
    if (data.length > capacityBytes) {
      writeSpill(objectId, data);
      spilledBytes += data.length;
      return;
    }
    makeRoom(data.length, objectId);
    entry.inMemory = data;
    usedBytes += data.length;
  }

  public synchronized Optional<byte[]> get(String objectId) {
    Entry entry = entries.get(objectId);
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.inMemory != null) {
      return Optional.of(entry.inMemory);
    }
    byte[] data = readSpill(objectId);
    if (data.length <= capacityBytes) {
      makeRoom(data.length, objectId);
      deleteSpill(objectId);
      spilledBytes -= data.length;
      entry.inMemory = data;
      usedBytes += data.length;
      LOG.debugf("restored %s (%d bytes) from disk", objectId, data.length);
    }
    return Optional.of(data);
  }

  public synchronized boolean contains(String objectId) {
    return entries.containsKey(objectId);
  }

  public synchronized void free(String objectId) {
    Entry entry = entries.remove(objectId);
    if (entry == null) {
      return;
    }
    if (entry.inMemory != null) {
      usedBytes -= entry.size;
    } else {
      deleteSpill(objectId);
      spilledBytes -= entry.size;
    }
  }

  /** Frees every object of an owner that has exited. */
  public synchronized int freeOwnedBy(String owner) {
    List<String> owned =
        entries.entrySet().stream()
            .filter(e -> e.getValue().owner.equals(owner))
            .map(Map.Entry::getKey)
            .toList();
    owned.forEach(this::free);
    return owned.size();
  }

  private void makeRoom(long needed, String keep) {
    var it = entries.entrySet().iterator();
    while (usedBytes + needed > capacityBytes && it.hasNext()) {
      Map.Entry<String, Entry> lru = it.next();
      Entry victim = lru.getValue();
      if (victim.inMemory == null || lru.getKey().equals(keep)) {
        continue;
      }
      writeSpill(lru.getKey(), victim.inMemory);
      usedBytes -= victim.size;
      spilledBytes += victim.size;
      victim.inMemory = null;
      LOG.debugf("spilled %s (%d bytes) to disk", lru.getKey(), victim.size);
    }
  }

  private Path spillFile(String objectId) {
    return spillDir.resolve(objectId.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  private void writeSpill(String objectId, byte[] data) {
    try {
      Files.write(spillFile(objectId), data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill " + objectId + " to " + spillDir, e);
    }
  }

  private byte[] readSpill(String objectId) {
    try {
      return Files.readAllBytes(spillFile(objectId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore " + objectId + " from " + spillDir, e);
    }
  }

  private void deleteSpill(String objectId) {
    try {
      Files.deleteIfExists(spillFile(objectId));
    } catch (IOException e) {
      LOG.warnf("cannot delete the spill file of %s: %s", objectId, e);
    }
  }

  public synchronized long usedBytes() {
    return usedBytes;
  }

  public synchronized long spilledBytes() {
    return spilledBytes;
  }

  public synchronized int objectCount() {
    return entries.size();
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  @Override
  public synchronized void close() {
    entries.clear();
    try (Stream<Path> files = Files.walk(spillDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warnf("cannot clean the spill directory %s: %s", spillDir, e);
    }
  }
}
