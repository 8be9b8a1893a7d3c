package io.rustyray.protocol.function;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The GPUs of its node that the calling thread's task or actor holds, for {@code
 * Rusty.getRuntimeContext().gpuIds()}: a worker process runs many tasks at once, each with its own.
 */
public final class AssignedGpus {
  private static final ThreadLocal<List<Integer>> HELD = new ThreadLocal<>();

  private AssignedGpus() {}

  /** Runs {@code work} as code that holds {@code gpuIds} (none: the thread's own stay). */
  public static <T> T serve(List<Integer> gpuIds, Callable<T> work) throws Exception {
    if (gpuIds.isEmpty()) {
      return work.call();
    }
    List<Integer> previous = HELD.get();
    HELD.set(List.copyOf(gpuIds));
    try {
      return work.call();
    } finally {
      HELD.set(previous);
    }
  }

  /**
   * @return the GPU indices the calling thread's task or actor holds, or none
   */
  public static List<Integer> current() {
    List<Integer> held = HELD.get();
    return held == null ? List.of() : held;
  }
}
