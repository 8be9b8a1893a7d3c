package io.rustyray.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.rustyray.operator.crd.EntrypointSpec;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.crd.RustyJobSpec;
import io.rustyray.protocol.proto.JobJar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSpecsTest {
  private static RustyJob job() {
    var job = new RustyJob();
    job.getMetadata().setName("pi");
    job.getMetadata().setNamespace("team-a");
    var entrypoint = new EntrypointSpec();
    entrypoint.setMainClass("io.rustyray.examples.Pi");
    entrypoint.setArgs(List.of("400"));
    var spec = new RustyJobSpec();
    spec.setClusterRef("demo");
    spec.setEntrypoint(entrypoint);
    job.setSpec(spec);
    return job;
  }

  @Test
  void theSubmissionCarriesTheDriverItsEnvAndTheJars() {
    var job = job();
    job.getSpec().setEnv(Map.of("MODE", "fast"));
    var jar =
        JobJar.newBuilder().setName("app.jar").setContent(ByteString.copyFromUtf8("x")).build();
    var request = JobSpecs.toProto(job, "ns-pi-1234abcd-1", List.of(jar));
    assertThat(request.getSubmissionId()).isEqualTo("ns-pi-1234abcd-1");
    assertThat(request.getMainClass()).isEqualTo("io.rustyray.examples.Pi");
    assertThat(request.getArgsList()).containsExactly("400");
    assertThat(request.getEnvMap())
        .containsOnly(Map.entry("MODE", "fast"), Map.entry("RUSTYRAY_NAMESPACE", "team-a"));
    assertThat(request.getJarsList()).containsExactly(jar);
  }

  @Test
  void theDriversNamespaceIsTheJobsKubernetesNamespaceUnlessItsEnvSetsOne() {
    assertThat(JobSpecs.toProto(job(), "s-1", List.of()).getEnvMap())
        .containsEntry("RUSTYRAY_NAMESPACE", "team-a");

    var job = job();
    job.getSpec().setEnv(Map.of("RUSTYRAY_NAMESPACE", "shared"));
    assertThat(JobSpecs.toProto(job, "s-1", List.of()).getEnvMap())
        .containsEntry("RUSTYRAY_NAMESPACE", "shared");
  }

  @Test
  void workerJvmOptionsGoWithTheSubmissionInTheirOrder() {
    var job = job();
    job.getSpec().setWorkerJvmOptions(List.of("-Xmx512m", "-XX:+UseZGC", "-Dkey=value"));
    var request = JobSpecs.toProto(job, "s-1", List.of());
    assertThat(request.getWorkerJvmOptionsList())
        .containsExactly("-Xmx512m", "-XX:+UseZGC", "-Dkey=value");
  }

  @Test
  void aJobWithoutWorkerJvmOptionsSubmitsNone() {
    var job = job();
    job.getSpec().setWorkerJvmOptions(null);
    assertThat(JobSpecs.toProto(job, "s-1", List.of()).getWorkerJvmOptionsList()).isEmpty();
    assertThat(JobSpecs.toProto(job(), "s-1", List.of()).getWorkerJvmOptionsList()).isEmpty();
  }
}
