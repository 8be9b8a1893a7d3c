package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.GcsStoreSpec;
import io.rustyray.operator.crd.RedisStoreSpec;
import java.util.List;

/**
 * What {@code spec.head.gcsStore} adds to the head pod: the {@code --gcs-store} argument, the
 * password's environment variable and the volume. Nothing at all when it is unset, so the pods of
 * clusters without it keep their template hash.
 */
final class HeadGcsStore {
  /** Where the head's volume is mounted; the runtime's file store lives there. */
  static final String MOUNT_PATH = "/var/lib/rustyray/gcs";

  /** The variable the runtime reads the store's password from (kept out of the arguments). */
  static final String PASSWORD_ENV = "RUSTYRAY_GCS_STORE_PASSWORD";

  static final String VOLUME = "gcs-store";

  private final GcsStoreSpec spec;
  private final String cluster;

  /**
   * @param spec the cluster's gcsStore, or null
   * @param cluster the cluster's name
   */
  HeadGcsStore(GcsStoreSpec spec, String cluster) {
    this.spec = spec;
    this.cluster = cluster;
  }

  List<String> args() {
    if (spec == null) {
      return List.of();
    }
    RedisStoreSpec redis = spec.getRedis();
    String uri =
        redis != null
            ? "redis://" + redis.getAddress() + "/" + (redis.getDb() == null ? 0 : redis.getDb())
            : "file:" + MOUNT_PATH;
    return List.of("--gcs-store", uri);
  }

  List<EnvVar> env() {
    if (spec == null || spec.getRedis() == null || spec.getRedis().getPasswordSecretRef() == null) {
      return List.of();
    }
    var ref = spec.getRedis().getPasswordSecretRef();
    return List.of(
        new EnvVarBuilder()
            .withName(PASSWORD_ENV)
            .withNewValueFrom()
            .withNewSecretKeyRef(ref.getKey(), ref.getName(), false)
            .endValueFrom()
            .build());
  }

  List<Volume> volumes() {
    if (!onVolume()) {
      return List.of();
    }
    return List.of(
        new VolumeBuilder()
            .withName(VOLUME)
            .withNewPersistentVolumeClaim(Names.headGcsClaim(cluster), false)
            .build());
  }

  List<VolumeMount> mounts() {
    if (!onVolume()) {
      return List.of();
    }
    return List.of(new VolumeMountBuilder().withName(VOLUME).withMountPath(MOUNT_PATH).build());
  }

  private boolean onVolume() {
    return spec != null && spec.getPersistentVolumeClaim() != null;
  }
}
