package io.rustyray.examples;

import io.rustyray.api.ObjectRef;
import java.util.List;

/**
 * An actor that borrows an object: it keeps a reference it was given inside a list, reads it later,
 * and drops it on request. While it keeps it, the object stays even when its owner dropped its own
 * reference (Ray's borrowers).
 */
public class RefKeeper {
  private ObjectRef<byte[]> kept;

  /**
   * @param refs a list whose first reference is kept
   * @return the kept object's checksum
   */
  public long keep(List<ObjectRef<byte[]>> refs) {
    kept = refs.get(0);
    return Fns.crc32(kept.get());
  }

  /**
   * @return the kept object's checksum, read again
   */
  public long readKept() {
    return Fns.crc32(kept.get());
  }

  /**
   * Drops the kept reference and asks the JVM to collect it, so that the owner may free it.
   *
   * @return true
   */
  public boolean drop() {
    kept = null;
    System.gc();
    return true;
  }

  /**
   * @param size how many bytes this actor puts (it owns them)
   * @param seed what the bytes are made of
   * @return a reference to them, with their checksum
   */
  public Borrowing.BlobRef make(int size, long seed) {
    return Borrowing.putBlobAndReturn(size, seed);
  }

  /**
   * @return the process id of the actor's worker
   */
  public long pid() {
    return ProcessHandle.current().pid();
  }

  /**
   * Asks the JVM to collect what is unreachable.
   *
   * @return true
   */
  public boolean collect() {
    System.gc();
    return true;
  }
}
