package io.rustyray.runtime.gcs.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The store {@code file:DIR}: one H2 MVStore file in a directory on local disk (a persistent volume
 * for a head pod), one MVStore map per table. Every write is committed and forced to disk before it
 * returns; writers that overlap share one fsync. MVStore locks its file, so a second head on the
 * same directory is refused while the first one lives.
 */
public final class FileStore implements GcsStore {
  /** The store's file inside the directory. */
  public static final String FILE_NAME = "gcs.mv";

  private static final MVMap.Builder<String, byte[]> TABLE =
      new MVMap.Builder<String, byte[]>()
          .keyType(StringDataType.INSTANCE)
          .valueType(ByteArrayDataType.INSTANCE);

  private final String description;
  private final Path dir;
  private final MVStore store;
  // Map changes and commits, one writer at a time; each commit counts.
  private final Object writeLock = new Object();
  private long committed;

  // One sync at a time, and how many commits the last one covered: writers that commit while a
  // sync runs wait for the next one, which covers all of them (a group commit: concurrent writers
  // share one fsync instead of queueing for one each).
  private final Object syncLock = new Object();
  private long synced;
  private boolean syncing;

  private FileStore(Path dir, MVStore store) {
    this.dir = dir;
    this.description = "file:" + dir;
    this.store = store;
  }

  /**
   * Opens (or creates) the store in {@code dir}, creating the directory if it is missing.
   *
   * @throws StoreUnavailableException if {@code dir} is not a directory, cannot be created or
   *     written, or is held by another live process
   */
  public static FileStore open(Path dir) throws StoreUnavailableException {
    Path abs = dir.toAbsolutePath().normalize();
    String where = "file:" + abs;
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new StoreUnavailableException(
          "GCS store " + where + " cannot be opened: " + abs + " is not a directory");
    }
    try {
      Files.createDirectories(abs);
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "GCS store " + where + " cannot be opened: cannot create the directory: " + e, e);
    }
    if (!Files.isWritable(abs)) {
      throw new StoreUnavailableException(
          "GCS store " + where + " cannot be opened: the directory is not writable");
    }
    try {
      MVStore store =
          new MVStore.Builder()
              .fileName(abs.resolve(FILE_NAME).toString())
              // Commits happen where the interface promises durability, not on a timer.
              .autoCommitDisabled()
              .open();
      return new FileStore(abs, store);
    } catch (MVStoreException e) {
      if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        throw new StoreUnavailableException(
            "GCS store "
                + where
                + " is in use: another live process (or store) holds the lock on "
                + abs.resolve(FILE_NAME)
                + "; one head per store directory",
            e);
      }
      throw new StoreUnavailableException(
          "GCS store " + where + " cannot be opened: " + e.getMessage(), e);
    }
  }

  @Override
  public void put(String table, String key, byte[] value) throws StoreUnavailableException {
    byte[] copy = value.clone();
    long mine;
    synchronized (writeLock) {
      try {
        store.openMap(table, TABLE).put(key, copy);
        mine = commit();
      } catch (MVStoreException | IllegalStateException e) {
        throw unavailable("put", e);
      }
    }
    syncThrough(mine);
  }

  @Override
  public void delete(String table, String key) throws StoreUnavailableException {
    long mine;
    synchronized (writeLock) {
      try {
        if (!store.hasMap(table) || store.openMap(table, TABLE).remove(key) == null) {
          return;
        }
        mine = commit();
      } catch (MVStoreException | IllegalStateException e) {
        throw unavailable("delete", e);
      }
    }
    syncThrough(mine);
  }

  @Override
  public Map<String, byte[]> load(String table) throws StoreUnavailableException {
    Map<String, byte[]> copy = new HashMap<>();
    try {
      if (store.hasMap(table)) {
        store.openMap(table, TABLE).forEach((k, v) -> copy.put(k, v.clone()));
      }
    } catch (MVStoreException | IllegalStateException e) {
      throw unavailable("load", e);
    }
    return copy;
  }

  /** Writes the change to the file (not forced yet); returns its number. Under the write lock. */
  private long commit() {
    store.commit();
    return ++committed;
  }

  /** Returns once a sync that began after commit {@code mine} has forced the file to disk. */
  private void syncThrough(long mine) throws StoreUnavailableException {
    synchronized (syncLock) {
      while (synced < mine && syncing) {
        try {
          syncLock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreUnavailableException(
              "GCS store " + description + ": interrupted while waiting for its sync", e);
        }
      }
      if (synced >= mine) {
        return;
      }
      syncing = true;
    }
    long covered = 0;
    try {
      synchronized (writeLock) {
        covered = committed;
      }
      store.sync();
    } catch (MVStoreException | IllegalStateException e) {
      covered = 0;
      throw unavailable("sync", e);
    } finally {
      synchronized (syncLock) {
        syncing = false;
        synced = Math.max(synced, covered);
        syncLock.notifyAll();
      }
    }
  }

  private StoreUnavailableException unavailable(String what, RuntimeException e) {
    return new StoreUnavailableException(
        "GCS store " + description + ": " + what + " failed: " + e.getMessage(), e);
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public boolean reachable() {
    return !store.isClosed() && Files.isDirectory(dir);
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      if (!store.isClosed()) {
        store.close();
      }
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
