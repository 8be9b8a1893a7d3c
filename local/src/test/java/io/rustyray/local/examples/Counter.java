package io.rustyray.local.examples;

/**
 * An actor that counts; its constructor refuses a negative start, as the examples' Counter does.
 */
public class Counter {
  private int value;

  public Counter(int initial) {
    if (initial < 0) {
      throw new IllegalArgumentException("a counter starts at 0 or more, not " + initial);
    }
    this.value = initial;
  }

  public int increment() {
    return ++value;
  }

  public int add(int delta) {
    value += delta;
    return value;
  }

  public int get() {
    return value;
  }

  public String threadName() {
    return Thread.currentThread().getName();
  }

  /** Returns a value Jackson cannot write. */
  public Object unwritable() {
    return new Object();
  }

  public int failWith(String message) {
    throw new IllegalStateException(message);
  }
}
