package io.rustyray.runtime.it;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends POSIX signals to processes, as an operator, a kernel or a debugger would. */
final class Signals {
  private Signals() {}

  static void stop(long pid) throws IOException, InterruptedException {
    send("STOP", pid);
  }

  static void resume(long pid) throws IOException, InterruptedException {
    send("CONT", pid);
  }

  static void kill(long pid) throws IOException, InterruptedException {
    send("KILL", pid);
  }

  private static void send(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + pid + " failed");
    }
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
