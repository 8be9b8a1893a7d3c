package io.rustyray.runtime.it.rayapi;

import io.rustyray.api.Rusty;

/** The Ray API suite's job: it waits, so that its jar serves the suite's calls. */
public final class RayApiJob {
  private RayApiJob() {}

  public static void main(String[] args) throws InterruptedException {
    Rusty.init();
    System.out.println("waiting");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
