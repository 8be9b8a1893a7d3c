package io.rustyray.e2e.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pod's PersistentVolumeClaim volume is the bound volume's folder, seen at the mount path. */
class PodVolumesTest {
  @TempDir Path tmp;

  private static Pod headWithClaim() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("c-head-abcde")
        .withNamespace("ns")
        .endMetadata()
        .withNewSpec()
        .addNewVolume()
        .withName("gcs-store")
        .withNewPersistentVolumeClaim("c-head-gcs", false)
        .endVolume()
        .addNewContainer()
        .withName("rustyray")
        .withArgs("start", "--head", "--gcs-store", "file:/var/lib/rustyray/gcs")
        .addNewVolumeMount()
        .withName("gcs-store")
        .withMountPath("/var/lib/rustyray/gcs")
        .endVolumeMount()
        .endContainer()
        .endSpec()
        .build();
  }

  private static EnvResolver.Sources claims(Map<String, Path> bound) {
    return new EnvResolver.Sources() {
      @Override
      public Optional<Map<String, String>> secret(String namespace, String name) {
        return Optional.empty();
      }

      @Override
      public Optional<Map<String, String>> configMap(String namespace, String name) {
        return Optional.empty();
      }

      @Override
      public Optional<Path> claimedVolume(String namespace, String claim) {
        return Optional.ofNullable(bound.get(namespace + "/" + claim));
      }
    };
  }

  @Test
  void aBoundClaimIsTheFolderOfItsVolumeAndTheHeadIsPointedAtIt() throws Exception {
    Path pv = tmp.resolve("pv/gcs-1");
    Pod pod = headWithClaim();
    var volumes =
        PodVolumes.write(
            pod,
            tmp.resolve("volumes"),
            "127.1.0.5",
            "127.0.0.1",
            claims(Map.of("ns/c-head-gcs", pv)));
    assertThat(volumes).containsEntry("gcs-store", pv);
    assertThat(Files.isDirectory(pv)).isTrue();
    var mounts = PodVolumes.mounts(pod.getSpec().getContainers().get(0), volumes);
    assertThat(mounts).containsEntry("/var/lib/rustyray/gcs", pv);
    assertThat(
            ProcessSpec.rewrite(
                "file:/var/lib/rustyray/gcs",
                mounts,
                KubeletConfig.parse(
                    "--rustyray-bin=/repo/runtime-image/src/main/bin/rustyray",
                    "--rustyray-home=/repo/runtime-image/target",
                    "--api-port=16443")))
        .isEqualTo("file:" + pv);
  }

  @Test
  void anUnboundClaimKeepsTheContainerWaiting() {
    assertThatThrownBy(
            () ->
                PodVolumes.write(
                    headWithClaim(),
                    tmp.resolve("volumes"),
                    "127.1.0.5",
                    "127.0.0.1",
                    claims(Map.of())))
        .isInstanceOf(EnvResolver.ConfigException.class)
        .hasMessageContaining("persistentvolumeclaim \"c-head-gcs\" is not bound");
  }
}
