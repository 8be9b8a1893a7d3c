package io.rustyray.runtime.server;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads that never keep a runtime process alive by themselves, named for thread dumps. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /**
   * @param prefix the threads' name, numbered from 1
   */
  public static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
