package io.rustyray.local.examples;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Static functions that tests run as tasks. */
public final class Fns {
  private Fns() {}

  public static int add(int a, int b) {
    return a + b;
  }

  public static long twice(long value) {
    return 2 * value;
  }

  public static int length(byte[] data) {
    return data.length;
  }

  public static int slowIdentity(int value, long millis) throws InterruptedException {
    Thread.sleep(millis);
    return value;
  }

  /** Changes the list it got: the caller's list must stay as it was. */
  public static int appendAndCount(List<String> values) {
    values.add("added by the callee");
    return values.size();
  }

  public static int fail(String message) {
    throw new IllegalStateException(message);
  }

  public static int failWithCause(String message) {
    try {
      throw new IOException("the disk is full");
    } catch (IOException e) {
      throw new IllegalStateException(message, new UncheckedIOException("while saving", e));
    }
  }

  /** Declares Object, so a reader reads what comes back as a generic value (a map here). */
  public static Object pointAsObject(int x, int y) {
    return new Point(x, y);
  }

  /** Returns a value Jackson cannot write: an object without properties. */
  public static Object unwritable() {
    return new Object();
  }

  /** Returns a value Jackson writes but cannot read back: no constructor it can use. */
  public static Opaque unreadable() {
    return new Opaque(1, 2);
  }

  /** Static, though it takes an actor's class: not something an actor handle can call. */
  public static int valueOf(Counter counter) {
    return counter.get();
  }

  public static String threadName() {
    return Thread.currentThread().getName();
  }

  public static String nodeId() {
    return Rusty.getRuntimeContext().nodeId();
  }

  /** Submits two tasks from inside a task, as code on a node may. */
  public static int addThroughTasks(int a, int b) {
    ObjectRef<Integer> left = Rusty.task(Fns::add, a, 0).remote();
    ObjectRef<Integer> right = Rusty.task(Fns::add, 0, b).remote();
    return Rusty.task(Fns::add, left, right).remote().get();
  }

  public record Point(int x, int y) {}

  /** Has properties to write, but neither a default constructor nor a creator to read. */
  public static final class Opaque {
    private final int a;
    private final int b;

    public Opaque(int a, int b) {
      this.a = a;
      this.b = b;
    }

    public int getA() {
      return a;
    }

    public int getB() {
      return b;
    }
  }
}
