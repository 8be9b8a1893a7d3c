package io.rustyray.examples;

import io.rustyray.api.Rusty;

/**
 * A driver that runs for a while: each second it adds two numbers on the cluster and prints the
 * seconds left. For trying a job's suspend, deadline and deletion: {@code rustyray driver
 * io.rustyray.examples.Countdown 600}.
 */
public final class Countdown {
  private Countdown() {}

  public static void main(String[] args) throws InterruptedException {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    Rusty.init();
    try {
      for (int left = seconds; left > 0; left--) {
        int one = Rusty.task(Fns::add, left, -left + 1).remote().get();
        System.out.printf("%d s left (the cluster says %d)%n", left, one);
        System.out.flush();
        Thread.sleep(1_000);
      }
      System.out.println("countdown done");
    } finally {
      Rusty.shutdown();
    }
  }
}
