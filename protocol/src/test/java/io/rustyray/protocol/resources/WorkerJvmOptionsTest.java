package io.rustyray.protocol.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerJvmOptionsTest {
  @Test
  void heapSizesSystemPropertiesAndVmFlagsAreTaken() {
    assertThat(WorkerJvmOptions.problem(List.of("-Xmx256m", "-Dmode=fast", "-XX:+UseG1GC")))
        .isEmpty();
  }

  @Test
  void anOptionThatIsNoOptionIsRefusedWithWhatWasGiven() {
    assertThat(WorkerJvmOptions.problem(List.of("-Xmx256m", "Xms1g")))
        .contains("a JVM option starts with '-', got 'Xms1g'");
  }

  @Test
  void optionsThatWouldReplaceTheWorkersProgramAreRefused() {
    assertThat(WorkerJvmOptions.problem(List.of("-cp")))
        .get()
        .asString()
        .contains("-cp is not allowed");
    assertThat(WorkerJvmOptions.problem(List.of("-jar"))).isPresent();
    assertThat(WorkerJvmOptions.problem(List.of("--class-path=/tmp/evil.jar")))
        .get()
        .asString()
        .contains("--class-path is not allowed")
        .contains("ship code in the job's jars instead");
  }
}
