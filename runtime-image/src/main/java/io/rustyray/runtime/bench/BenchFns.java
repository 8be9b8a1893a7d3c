package io.rustyray.runtime.bench;

/** Remote functions of the task benchmarks. */
public final class BenchFns {
  private BenchFns() {}

  public static int smallValue() {
    return 0;
  }

  /**
   * @param size how many bytes
   * @return a zeroed array of that size
   */
  public static byte[] bytes(int size) {
    return new byte[size];
  }

  /**
   * @param data an object fetched from another node
   * @return its length
   */
  public static int length(byte[] data) {
    return data.length;
  }
}
