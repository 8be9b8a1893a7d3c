package io.rustyray.examples;

/** An actor that counts. Its state lives in the actor's process, between calls. */
public class Counter {
  /** Its subclass {@link DurableCounter} keeps and restores it. */
  protected int value;

  public Counter(int initial) {
    if (initial < 0) {
      throw new IllegalArgumentException("a counter starts at 0 or more, not " + initial);
    }
    this.value = initial;
  }

  /**
   * @return the value after adding one
   */
  public int increment() {
    return ++value;
  }

  /**
   * @param delta what to add
   * @return the value after adding {@code delta}
   */
  public int add(int delta) {
    value += delta;
    return value;
  }

  /**
   * @return the current value
   */
  public int get() {
    return value;
  }
}
