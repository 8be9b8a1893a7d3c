package io.rustyray.examples;

import io.rustyray.api.Rusty;
import java.util.List;

/** Small remote functions used by the quick start and the tests. */
public final class Fns {
  private Fns() {}

  public static int add(int a, int b) {
    return a + b;
  }

  /**
   * @return {@code a + b}, tagged with the node that added them
   */
  public static NodeTagged addOnNode(long a, long b) {
    return new NodeTagged(a + b, Rusty.getRuntimeContext().nodeId());
  }

  public static long sum(List<Integer> values) {
    return values.stream().mapToLong(Integer::longValue).sum();
  }

  /**
   * @return the id of the node that ran this call
   */
  public static String nodeId() {
    return Rusty.getRuntimeContext().nodeId();
  }

  /**
   * @param value a value to echo
   * @param millis how long to take
   * @return {@code value}, after {@code millis}
   */
  public static int slowIdentity(int value, long millis) throws InterruptedException {
    Thread.sleep(millis);
    return value;
  }

  /**
   * @param message the message of the exception
   * @return never
   */
  public static int fail(String message) {
    throw new IllegalStateException(message);
  }

  /**
   * @param size how many bytes
   * @param seed what to fill them from
   * @return {@code size} pseudo-random bytes
   */
  public static byte[] blob(int size, long seed) {
    byte[] data = new byte[size];
    new java.util.Random(seed).nextBytes(data);
    return data;
  }

  /**
   * @param data some bytes
   * @return their CRC-32 checksum
   */
  public static long crc32(byte[] data) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    return crc.getValue();
  }

  /**
   * @param data some bytes
   * @return their length
   */
  public static int length(byte[] data) {
    return data.length;
  }
}
