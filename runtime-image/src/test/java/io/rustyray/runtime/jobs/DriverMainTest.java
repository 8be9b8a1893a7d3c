package io.rustyray.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The driver's JVM: runs the job's main as the job would, and never outlives its head. */
class DriverMainTest {
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String CLASSPATH = System.getProperty("java.class.path");

  private static List<String> driver(Class<?> main, String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(JAVA, "-cp", CLASSPATH, DriverMain.class.getName(), main.getName()));
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void aDriverRunsTheJobsMainWithItsArguments() throws Exception {
    Process driver =
        new ProcessBuilder(driver(TestingDrivers.Prints.class, "one", "two"))
            .redirectErrorStream(true)
            .start();

    String output = new String(driver.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(driver.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(driver.exitValue()).isZero();
    assertThat(output).isEqualTo("one\ntwo\n");
  }

  @Test
  void aDriverWhoseMainThrowsEndsWithCodeOneAndTheExceptionPrinted() throws Exception {
    Process driver =
        new ProcessBuilder(driver(TestingDrivers.Throws.class, "the", "end"))
            .redirectErrorStream(true)
            .start();

    String output = new String(driver.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(driver.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(driver.exitValue()).isEqualTo(1);
    assertThat(output).contains("java.lang.IllegalStateException: kaboom: the end");
  }

  @Test
  void aDriverEndsWhenItsHeadIsKilled() throws Exception {
    // A shell stands in for the head: it starts the driver, says its pid, and is killed -9.
    String command =
        String.join(
            " ", driver(TestingDrivers.Sleeps.class).stream().map(a -> "'" + a + "'").toList());
    Process head =
        new ProcessBuilder("sh", "-c", command + " & echo $!; wait")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long pid = -1;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(head.getInputStream(), StandardCharsets.UTF_8))) {
      pid = Long.parseLong(lines.readLine().trim());
      assertThat(lines.readLine()).isEqualTo("sleeping");
      ProcessHandle driver = ProcessHandle.of(pid).orElseThrow();

      head.destroyForcibly().waitFor();

      await().atMost(Duration.ofSeconds(10)).until(() -> !driver.isAlive());
    } finally {
      head.destroyForcibly();
      if (pid > 0) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }
}
