package io.rustyray.e2e.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSpecTest {
  private static final KubeletConfig CONFIG =
      KubeletConfig.parse(
          "--rustyray-bin=/repo/runtime-image/src/main/bin/rustyray",
          "--rustyray-home=/repo/runtime-image/target",
          "--api-port=16443",
          "--java-opts=-XX:+UseSerialGC");
  private static final Path POD_DIR = Path.of("/state/pods/ns_p_u");

  private static ProcessSpec spec(String yaml, Map<String, String> env, Map<String, Path> mounts) {
    Pod pod = TestPods.pod(yaml);
    return ProcessSpec.of(
        CONFIG,
        pod,
        pod.getSpec().getContainers().get(0),
        env,
        "127.1.0.9",
        POD_DIR,
        POD_DIR.resolve("hosts"),
        mounts,
        "/usr/bin:/bin");
  }

  @Test
  void noCommandRunsTheImageEntrypointTheLocalWrapperWithExpandedArgs() {
    Map<String, String> env = new LinkedHashMap<>(Map.of("POD_IP", "127.1.0.9"));

    ProcessSpec spec =
        spec(
            """
            metadata: {name: p, namespace: ns}
            spec:
              containers:
              - name: c
                image: ghcr.io/rustyray/rustyray-runtime:0.1.0
                args: [start, --head, --port, "6379", --node-ip, $(POD_IP)]
                resources: {limits: {memory: 1Gi}}
            """,
            env,
            Map.of());

    assertThat(spec.argv())
        .containsExactly(
            "/repo/runtime-image/src/main/bin/rustyray",
            "start",
            "--head",
            "--port",
            "6379",
            "--node-ip",
            "127.1.0.9");
    assertThat(spec.env())
        .containsEntry("RUSTYRAY_HOME", "/repo/runtime-image/target")
        .containsEntry("HOSTNAME", "p")
        .containsEntry("KUBERNETES_SERVICE_HOST", "127.0.0.1")
        .containsEntry("KUBERNETES_SERVICE_PORT", "16443");
    assertThat(spec.env().get("JAVA_OPTS"))
        .startsWith(ProcessSpec.IMAGE_JAVA_OPTS)
        .contains("-XX:MaxRAM=1073741824")
        .contains("-XX:+UseSerialGC")
        .contains("-Djdk.net.hosts.file=/state/pods/ns_p_u/hosts")
        .contains("-Djava.io.tmpdir=/state/pods/ns_p_u/tmp");
    assertThat(spec.env().get("PATH")).isEqualTo("/repo/runtime-image/src/main/bin:/usr/bin:/bin");
  }

  @Test
  void theEntrypointPathAndVolumeMountPathsAreMappedToLocalPaths() {
    ProcessSpec spec =
        spec(
            """
            metadata: {name: p, namespace: ns}
            spec:
              containers:
              - name: c
                image: ghcr.io/rustyray/rustyray-runtime:0.1.0
                command: [sh, -c]
                args: ["/usr/local/bin/rustyray job submit --jar /opt/jobs/app.jar"]
            """,
            Map.of("CONF", "/etc/rustyray/conf.yaml", "JAVA_OPTS", "-Xmx64m"),
            Map.of(
                "/opt/jobs",
                POD_DIR.resolve("volumes/jars"),
                "/etc/rustyray",
                POD_DIR.resolve("volumes/conf")));

    assertThat(spec.argv())
        .containsExactly(
            "sh",
            "-c",
            "/repo/runtime-image/src/main/bin/rustyray job submit --jar /state/pods/ns_p_u/volumes/jars/app.jar");
    assertThat(spec.env()).containsEntry("CONF", "/state/pods/ns_p_u/volumes/conf/conf.yaml");
    assertThat(spec.env().get("JAVA_OPTS")).startsWith("-Xmx64m ").doesNotContain("MaxRAM");
  }

  @Test
  void aRustyrayCommandIsTheWrapper() {
    ProcessSpec spec =
        spec(
            """
            metadata: {name: p, namespace: ns}
            spec:
              containers:
              - {name: c, image: x, command: [rustyray, status], args: [--address, "h:1"]}
            """,
            Map.of(),
            Map.of());

    assertThat(spec.argv())
        .containsExactly("/repo/runtime-image/src/main/bin/rustyray", "status", "--address", "h:1");
  }

  @Test
  void onlyTheRuntimeImageIsRunnableByDefault() {
    assertThat(CONFIG.runnable("ghcr.io/rustyray/rustyray-runtime:0.1.0")).isTrue();
    assertThat(CONFIG.runnable("ghcr.io/rustyray/rustyray-runtime")).isTrue();
    assertThat(CONFIG.runnable("ghcr.io/rustyray/rustyray-runtime@sha256:ab")).isTrue();
    assertThat(CONFIG.runnable("busybox")).isFalse();
    assertThat(CONFIG.runnable("ghcr.io/rustyray/rustyray-runtime-evil:1")).isFalse();
  }
}
