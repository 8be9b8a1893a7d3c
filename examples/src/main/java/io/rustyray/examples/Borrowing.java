package io.rustyray.examples;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import java.util.List;

/**
 * Tasks with object references inside their arguments and results (Ray's nested references): the
 * references travel inside lists and maps, and the tasks read them or hand new ones back.
 */
public final class Borrowing {
  private Borrowing() {}

  /**
   * @param refs references to numbers, read here
   * @return their sum
   */
  public static int sumAll(List<ObjectRef<Integer>> refs) {
    return refs.stream().mapToInt(ObjectRef::get).sum();
  }

  /**
   * @param text a value to put from inside the task
   * @return a reference the task made (this task's process owns the object)
   */
  public static ObjectRef<String> putAndReturn(String text) {
    return Rusty.put(text);
  }

  /**
   * @param size how many bytes to put from inside the task (large ones go to a node's store)
   * @param seed what the bytes are made of
   * @return a reference to them, with the bytes' checksum
   */
  public static BlobRef putBlobAndReturn(int size, long seed) {
    byte[] bytes = Fns.blob(size, seed);
    return new BlobRef(Rusty.put(bytes), Fns.crc32(bytes));
  }

  /**
   * A POJO result that carries a reference.
   *
   * @param blob the bytes, where their owner keeps them
   * @param crc their checksum
   */
  public record BlobRef(ObjectRef<byte[]> blob, long crc) {}

  /**
   * @param outers references to references (puts of a reference), read through both levels
   * @return the first inner value
   */
  public static String readNested(List<ObjectRef<ObjectRef<String>>> outers) {
    return outers.get(0).get().get();
  }

  /**
   * @param refs references passed on, not read here
   * @return the same references, to the caller
   */
  public static List<ObjectRef<Integer>> passOn(List<ObjectRef<Integer>> refs) {
    return refs;
  }
}
