package io.rustyray.e2e.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PersistentVolumes on this machine's disk, made ahead of the claims that bind them, as an
 * administrator of a cluster without a provisioner would: a StorageClass with no provisioner and
 * Immediate binding, so that kube-controller-manager's PV binder binds a claim of that class at
 * once, and hostPath volumes in folders under the state folder that the process kubelet hands to
 * the pods.
 */
public final class LocalVolumes {
  private final LocalControlPlane controlPlane;
  private final String storageClass;

  /**
   * @param controlPlane the running control plane
   * @param storageClass the StorageClass of the volumes made here: one per test, so that a volume
   *     an earlier run left behind (the cluster's etcd outlives it) never binds this test's claims
   */
  public LocalVolumes(LocalControlPlane controlPlane, String storageClass) {
    this.controlPlane = controlPlane;
    this.storageClass = storageClass;
  }

  /**
   * @return the StorageClass a claim names to be bound to these volumes
   */
  public String storageClass() {
    return storageClass;
  }

  /**
   * Creates the StorageClass (once) and a volume of it.
   *
   * @param name the PersistentVolume's name (and its folder's)
   * @param size its capacity, e.g. 1Gi
   * @return the folder the volume is
   * @throws Exception when kubectl fails
   */
  public Path create(String name, String size) throws Exception {
    Path dir = controlPlane.stateDir().resolve("volumes").resolve(name);
    Files.createDirectories(dir);
    String manifest =
        """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: %1$s
        provisioner: kubernetes.io/no-provisioner
        volumeBindingMode: Immediate
        reclaimPolicy: Retain
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: %2$s
          labels:
            rustyray.io/e2e: "true"
        spec:
          storageClassName: %1$s
          capacity:
            storage: %3$s
          accessModes: [ReadWriteOnce]
          persistentVolumeReclaimPolicy: Retain
          hostPath:
            path: %4$s
            type: DirectoryOrCreate
        """
            .formatted(storageClass, name, size, dir);
    LocalControlPlane.Result r = controlPlane.kubectlWithInput(manifest, "apply", "-f", "-");
    if (r.exitCode() != 0) {
      throw new IllegalStateException("creating volume " + name + " failed:\n" + r.output());
    }
    return dir;
  }

  /**
   * Deletes a volume made here and the StorageClass (the volume's folder stays, for a post-mortem).
   *
   * @param name the PersistentVolume's name
   * @throws Exception when kubectl cannot run
   */
  public void delete(String name) throws Exception {
    controlPlane.kubectl("delete", "pv", name, "--wait=false", "--ignore-not-found");
    controlPlane.kubectl("delete", "storageclass", storageClass, "--ignore-not-found");
  }
}
