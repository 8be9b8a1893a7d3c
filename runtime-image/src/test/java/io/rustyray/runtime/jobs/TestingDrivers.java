package io.rustyray.runtime.jobs;

/** Main classes that tests run as job drivers, in real JVMs. */
final class TestingDrivers {
  private TestingDrivers() {}

  /** Prints each argument on a line of its own, then ends well. */
  static final class Prints {
    public static void main(String[] args) {
      for (String arg : args) {
        System.out.println(arg);
      }
    }
  }

  /** Says so, then sleeps for ten minutes: a driver that is still running. */
  static final class Sleeps {
    public static void main(String[] args) throws InterruptedException {
      System.out.println("sleeping");
      System.out.flush();
      Thread.sleep(600_000);
    }
  }

  /** Throws what it is told to. */
  static final class Throws {
    public static void main(String[] args) {
      throw new IllegalStateException("kaboom: " + String.join(" ", args));
    }
  }
}
