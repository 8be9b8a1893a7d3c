package io.rustyray.e2e.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvResolverTest {
  private static final EnvResolver.Sources SOURCES =
      new EnvResolver.Sources() {
        @Override
        public Optional<Map<String, String>> secret(String namespace, String name) {
          return name.equals("auth") && namespace.equals("ns")
              ? Optional.of(Map.of("token", "s3cret"))
              : Optional.empty();
        }

        @Override
        public Optional<Map<String, String>> configMap(String namespace, String name) {
          return name.equals("cfg")
              ? Optional.of(Map.of("mode", "fast", "level", "3"))
              : Optional.empty();
        }
      };

  private static final Pod POD =
      TestPods.pod(
          """
          metadata:
            name: demo-head-x1
            namespace: ns
            uid: u-1
            labels: {rustyray.io/cluster: demo}
          spec:
            nodeName: local-node-1
            containers:
            - name: rustyray
              image: ghcr.io/rustyray/rustyray-runtime:0.1.0
              args: ["start", "--node-ip", "$(POD_IP)", "--id", "$(POD_NAME)", "$$(POD_IP)", "$(NOPE)"]
              resources: {limits: {memory: 1Gi}}
              envFrom:
              - configMapRef: {name: cfg}
                prefix: CFG_
              env:
              - name: POD_IP
                valueFrom: {fieldRef: {fieldPath: status.podIP}}
              - name: POD_NAME
                valueFrom: {fieldRef: {fieldPath: metadata.name}}
              - name: NS
                valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
              - name: CLUSTER
                valueFrom: {fieldRef: {fieldPath: "metadata.labels['rustyray.io/cluster']"}}
              - name: RUSTYRAY_TOKEN
                valueFrom: {secretKeyRef: {name: auth, key: token}}
              - name: MODE
                valueFrom: {configMapKeyRef: {name: cfg, key: mode}}
              - name: OPTIONAL
                valueFrom: {secretKeyRef: {name: missing, key: k, optional: true}}
              - name: MEM_MI
                valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
              - name: ADDRESS
                value: "$(POD_IP):6379"
          """);

  @Test
  void downwardApiSecretAndConfigMapValuesAreResolved() throws Exception {
    Map<String, String> env =
        EnvResolver.resolve(
            POD, POD.getSpec().getContainers().get(0), "127.1.0.7", "127.0.0.1", SOURCES);

    assertThat(env)
        .containsEntry("POD_IP", "127.1.0.7")
        .containsEntry("POD_NAME", "demo-head-x1")
        .containsEntry("NS", "ns")
        .containsEntry("CLUSTER", "demo")
        .containsEntry("RUSTYRAY_TOKEN", "s3cret")
        .containsEntry("MODE", "fast")
        .containsEntry("CFG_level", "3")
        .containsEntry("MEM_MI", "1024")
        .containsEntry("ADDRESS", "127.1.0.7:6379")
        .doesNotContainKey("OPTIONAL");
  }

  @Test
  void argsExpandDefinedVariablesEscapeDoubleDollarAndKeepUnknownReferences() throws Exception {
    Map<String, String> env =
        EnvResolver.resolve(
            POD, POD.getSpec().getContainers().get(0), "127.1.0.7", "127.0.0.1", SOURCES);

    List<String> args = EnvResolver.expandAll(POD.getSpec().getContainers().get(0).getArgs(), env);

    assertThat(args)
        .containsExactly(
            "start", "--node-ip", "127.1.0.7", "--id", "demo-head-x1", "$(POD_IP)", "$(NOPE)");
  }

  @Test
  void aMissingSecretIsAContainerConfigError() {
    Pod pod =
        TestPods.pod(
            """
            metadata: {name: p, namespace: other}
            spec:
              containers:
              - name: c
                image: x
                env:
                - name: T
                  valueFrom: {secretKeyRef: {name: auth, key: token}}
            """);

    assertThatThrownBy(
            () ->
                EnvResolver.resolve(pod, pod.getSpec().getContainers().get(0), "ip", "h", SOURCES))
        .isInstanceOf(EnvResolver.ConfigException.class)
        .hasMessage("secret \"auth\" not found");
  }

  @Test
  void aMissingKeyIsAContainerConfigError() {
    Pod pod =
        TestPods.pod(
            """
            metadata: {name: p, namespace: ns}
            spec:
              containers:
              - name: c
                image: x
                env:
                - name: T
                  valueFrom: {secretKeyRef: {name: auth, key: nope}}
            """);

    assertThatThrownBy(
            () ->
                EnvResolver.resolve(pod, pod.getSpec().getContainers().get(0), "ip", "h", SOURCES))
        .isInstanceOf(EnvResolver.ConfigException.class)
        .hasMessageContaining("couldn't find key nope in secret auth");
  }
}
