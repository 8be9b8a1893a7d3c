package io.rustyray.runtime.it.rayapi;

import io.rustyray.api.Rusty;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Tasks of the Ray API suite: up to six arguments of every kind, names, and a GPU probe. */
public final class ApiFns {
  private ApiFns() {}

  public static int sum6(int a, int b, int c, int d, int e, int f) {
    return a + b + c + d + e + f;
  }

  public static String sum5(int a, int b, int c, int d, int e) {
    return "sum " + (a + b + c + d + e);
  }

  /** Every argument kind at once: a null, an array, a list, a map, a record, a put object. */
  public static String kinds(
      String nothing, int[] numbers, List<String> words, Map<String, Integer> counts, Point p) {
    return (nothing == null ? "null" : nothing)
        + " "
        + Arrays.toString(numbers)
        + " "
        + words
        + " "
        + counts
        + " "
        + p;
  }

  /** Throws unless it got 1..6: a void task has no result to check. */
  public static void check6(int a, int b, int c, int d, int e, int f) {
    if (a != 1 || b != 2 || c != 3 || d != 4 || e != 5 || f != 6) {
      throw new IllegalArgumentException("got " + List.of(a, b, c, d, e, f));
    }
  }

  public static void nothing() {}

  /** A result too large to travel inline: it stays in the store of the node that made it. */
  public static byte[] bytes(int size) {
    return new byte[size];
  }

  public static String slow(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return "slow";
  }

  public static String threadName() {
    return Thread.currentThread().getName();
  }

  public static int fail() {
    throw new IllegalStateException("failed on purpose");
  }

  public static List<Integer> gpuIds() {
    return Rusty.getRuntimeContext().gpuIds();
  }

  /** A value record that crosses the wire. */
  public record Point(int x, int y) {}
}
