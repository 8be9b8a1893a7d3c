package io.rustyray.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JobSubmitCommandTest {
  @Test
  void workerJvmOptionsAreRepeatableAndTheirDashIsNotTakenForAnOptionOfOurs() {
    var submit = new JobCommand.Submit();
    new CommandLine(submit)
        .parseArgs(
            "--address",
            "127.0.0.1:6379",
            "--worker-jvm-option",
            "-Xmx512m",
            "--worker-jvm-option=-Dkey=value",
            "--worker-jvm-option",
            "-XX:+UseZGC",
            "--",
            "io.rustyray.examples.Pi",
            "40");
    assertThat(submit.workerJvmOptions).containsExactly("-Xmx512m", "-Dkey=value", "-XX:+UseZGC");
    assertThat(submit.command).containsExactly("io.rustyray.examples.Pi", "40");
  }

  @Test
  void withoutTheOptionNoWorkerJvmOptionsAreSent() {
    var submit = new JobCommand.Submit();
    new CommandLine(submit)
        .parseArgs("--address", "127.0.0.1:6379", "--", "io.rustyray.examples.Pi");
    assertThat(submit.workerJvmOptions).isEmpty();
  }
}
