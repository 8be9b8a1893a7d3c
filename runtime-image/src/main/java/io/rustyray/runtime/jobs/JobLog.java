package io.rustyray.runtime.jobs;

import io.rustyray.runtime.gcs.store.GcsStore;
import io.rustyray.runtime.gcs.store.StoreUnavailableException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One job's output, kept in the store and capped to its newest bytes. The output is cut into chunks
 * of a fixed size under keys 0, 1, 2, ... of a table of the job's own; every chunk but the last is
 * full, so a byte's position alone tells its chunk. Appending rewrites only the last chunk (never
 * megabytes); going over the cap deletes the oldest chunks whole, so between cap − chunk and cap
 * bytes are kept.
 *
 * <p>A table per job, because a store loads whole tables only: reading one job's output must not
 * load every job's.
 */
final class JobLog {
  static final int CHUNK_BYTES = 64 * 1024;
  static final long DEFAULT_CAP_BYTES = 1024 * 1024;
  private static final byte[] NONE = new byte[0];

  /** Bytes of the output from {@code position} on. */
  record Slice(long position, byte[] data) {}

  private final GcsStore store;
  private final String table;
  private final int chunkBytes;
  private final long capBytes;
  private long first;
  private long last;

  /** The last chunk's bytes, or null while they are only in the store (a finished job). */
  private byte[] tail;

  private int tailLength;

  private JobLog(GcsStore store, String jobId, int chunkBytes, long capBytes) {
    if (capBytes < chunkBytes) {
      throw new IllegalArgumentException("the cap must hold at least one chunk");
    }
    this.store = store;
    this.table = table(jobId);
    this.chunkBytes = chunkBytes;
    this.capBytes = capBytes;
  }

  static String table(String jobId) {
    return "job-logs-" + jobId;
  }

  /** The log of a new job: empty, and nothing read from the store. */
  static JobLog create(GcsStore store, String jobId, int chunkBytes, long capBytes) {
    JobLog log = new JobLog(store, jobId, chunkBytes, capBytes);
    log.tail = NONE;
    return log;
  }

  /** The log of a job that a head before this one ran, as the store has it. */
  static JobLog open(GcsStore store, String jobId, int chunkBytes, long capBytes)
      throws StoreUnavailableException {
    JobLog log = new JobLog(store, jobId, chunkBytes, capBytes);
    Map<String, byte[]> chunks = store.load(log.table);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (String key : chunks.keySet()) {
      long n = Long.parseLong(key);
      min = Math.min(min, n);
      max = Math.max(max, n);
    }
    log.first = chunks.isEmpty() ? 0 : min;
    log.last = max;
    log.tailLength = chunks.isEmpty() ? 0 : chunks.get(Long.toString(max)).length;
    return log;
  }

  /** Deletes a job's output from the store. */
  static void delete(GcsStore store, String jobId) throws StoreUnavailableException {
    String table = table(jobId);
    for (String key : store.load(table).keySet()) {
      store.delete(table, key);
    }
  }

  /**
   * Adds {@code data} at the end, written through to the store before this returns. If the store
   * fails, what was written before the failure stays and the rest is not added.
   */
  synchronized void append(byte[] data) throws StoreUnavailableException {
    holdTail();
    int offset = 0;
    while (offset < data.length) {
      if (tail.length == chunkBytes) {
        // The last chunk is full: the next bytes start a chunk, which exists once written.
        last++;
        tail = NONE;
        tailLength = 0;
        trim();
      }
      int n = Math.min(chunkBytes - tail.length, data.length - offset);
      byte[] next = Arrays.copyOf(tail, tail.length + n);
      System.arraycopy(data, offset, next, tail.length, n);
      store.put(table, Long.toString(last), next);
      tail = next;
      tailLength = next.length;
      offset += n;
    }
    trim();
  }

  private void trim() throws StoreUnavailableException {
    while (end() - start() > capBytes && first < last) {
      store.delete(table, Long.toString(first));
      first++;
    }
  }

  private void holdTail() throws StoreUnavailableException {
    if (tail == null) {
      byte[] stored = store.load(table).get(Long.toString(last));
      tail = stored == null ? NONE : stored;
      tailLength = tail.length;
    }
  }

  /** Lets the last chunk go from memory: the job has ended and readers load it when asked. */
  synchronized void release() {
    tail = null;
  }

  /** The position after the last byte: the output's length since the job started. */
  synchronized long end() {
    return last * chunkBytes + tailLength;
  }

  /** The position of the oldest byte kept. */
  synchronized long start() {
    return first * chunkBytes;
  }

  /**
   * Reads at most {@code max} bytes from {@code from}, or from the oldest byte kept when those
   * before it were trimmed. The store is read outside this log's lock, so that a slow store does
   * not hold up the job that writes.
   */
  Slice read(long from, int max) throws StoreUnavailableException {
    long position;
    long tailStart;
    synchronized (this) {
      position = Math.max(from, start());
      if (position >= end()) {
        return new Slice(position, NONE);
      }
      tailStart = last * chunkBytes;
      if (position >= tailStart && tail != null) {
        int at = (int) (position - tailStart);
        return new Slice(position, Arrays.copyOfRange(tail, at, Math.min(tail.length, at + max)));
      }
    }
    Map<String, byte[]> chunks = store.load(table);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long at = position;
    while (out.size() < max) {
      long chunk = at / chunkBytes;
      byte[] bytes = chunks.get(Long.toString(chunk));
      if (bytes == null) {
        if (out.size() == 0 && chunk < tailStart / chunkBytes) {
          // Trimmed since we looked: the oldest bytes kept are further on.
          at = (chunk + 1) * chunkBytes;
          position = at;
          continue;
        }
        break;
      }
      int offset = (int) (at - chunk * chunkBytes);
      int n = Math.min(bytes.length - offset, max - out.size());
      if (n <= 0) {
        break;
      }
      out.write(bytes, offset, n);
      at += n;
      if (offset + n < chunkBytes) {
        break;
      }
    }
    return new Slice(position, out.toByteArray());
  }

  /** The last lines of the output, for the message of a job that failed. */
  String lastLines(int lines) throws StoreUnavailableException {
    long from = Math.max(start(), end() - 16 * 1024);
    String text = new String(read(from, 16 * 1024).data(), StandardCharsets.UTF_8);
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
