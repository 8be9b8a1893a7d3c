package io.rustyray.local.examples;

import io.rustyray.api.Rusty;
import java.util.List;
import java.util.Map;

/** Tasks and an actor of up to six arguments, names and exitActor, for local mode. */
public class Wide {
  private int base;

  public Wide() {}

  public static Wide of6(int a, int b, int c, int d, int e, int f) {
    Wide wide = new Wide();
    wide.base = a + b + c + d + e + f;
    return wide;
  }

  public static int sum6(int a, int b, int c, int d, int e, int f) {
    return a + b + c + d + e + f;
  }

  public static String kinds(
      String nothing, int[] numbers, List<String> words, Map<String, Integer> m) {
    return (nothing == null ? "null" : nothing) + numbers.length + words + m;
  }

  public static void check6(int a, int b, int c, int d, int e, int f) {
    if (a + b + c + d + e + f != 21) {
      throw new IllegalArgumentException("wrong sum");
    }
  }

  public static String threadName() {
    return Thread.currentThread().getName();
  }

  public static int fail() {
    throw new IllegalStateException("failed on purpose");
  }

  public int add6(int a, int b, int c, int d, int e, int f) {
    return base + a + b + c + d + e + f;
  }

  public void set6(int a, int b, int c, int d, int e, int f) {
    base = a + b + c + d + e + f;
  }

  public int base() {
    return base;
  }

  public String callThreadName() {
    return Thread.currentThread().getName();
  }

  public boolean exit() {
    Rusty.exitActor();
    return false;
  }
}
