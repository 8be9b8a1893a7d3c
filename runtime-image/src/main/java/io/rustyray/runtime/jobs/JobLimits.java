package io.rustyray.runtime.jobs;

/**
 * How much of its jobs a head keeps: memory is bounded by the first and the last, the store by the
 * second and the last.
 *
 * @param finishedInMemory finished jobs kept in memory, newest first; older ones are read from the
 *     store when asked for
 * @param finishedInStore finished jobs kept in the store (those in memory included); older ones are
 *     deleted with their output and jars. A store that does not outlive the head keeps only those
 *     in memory: it is memory too
 * @param logBytesPerJob the newest bytes of a job's output that are kept
 */
public record JobLimits(int finishedInMemory, int finishedInStore, long logBytesPerJob) {
  public static final JobLimits DEFAULT = new JobLimits(1_000, 10_000, JobLog.DEFAULT_CAP_BYTES);

  /** For a head whose store is its heap: the outputs it keeps are memory too. */
  public static final JobLimits IN_MEMORY = new JobLimits(100, 100, JobLog.DEFAULT_CAP_BYTES);

  public JobLimits {
    if (finishedInMemory < 0 || finishedInStore < finishedInMemory) {
      throw new IllegalArgumentException(
          "keep 0 or more finished jobs in memory, and at least as many in the store");
    }
    if (logBytesPerJob < JobLog.CHUNK_BYTES) {
      throw new IllegalArgumentException(
          "keep at least " + JobLog.CHUNK_BYTES + " bytes of a job's output");
    }
  }
}
