package io.rustyray.runtime.it.probe;

import io.rustyray.api.Rusty;

/**
 * The driver of the worker suite's job: it connects and waits, so that the job (and its jar) lives
 * while the suite, which calls in under the same job id, runs its probes.
 */
public final class JobThatWaits {
  private JobThatWaits() {}

  public static void main(String[] args) throws InterruptedException {
    Rusty.init();
    System.out.println("waiting");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
