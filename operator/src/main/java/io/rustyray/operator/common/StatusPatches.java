package io.rustyray.operator.common;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds status patches on a fresh object that carries only name, namespace and status, so that the
 * operator never writes (or claims) a field of the spec.
 */
public final class StatusPatches {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private StatusPatches() {}

  /**
   * @param primary the resource reconciled
   * @param factory makes an empty resource of its kind
   * @param status the new status
   * @param <S> the status type
   * @param <R> the resource type
   * @return a resource with only name, namespace and the status
   */
  public static <S, R extends CustomResource<?, S>> R fresh(
      R primary, Supplier<R> factory, S status) {
    R fresh = factory.get();
    fresh.getMetadata().setName(primary.getMetadata().getName());
    fresh.getMetadata().setNamespace(primary.getMetadata().getNamespace());
    fresh.setSpec(null);
    fresh.setStatus(status);
    return fresh;
  }

  /**
   * @param a a status
   * @param b another status
   * @return whether both serialize to the same JSON (so a patch would change nothing)
   */
  public static boolean same(Object a, Object b) {
    return Objects.equals(JSON.asJson(a), JSON.asJson(b));
  }
}
