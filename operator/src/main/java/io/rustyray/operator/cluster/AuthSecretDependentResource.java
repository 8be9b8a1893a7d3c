package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.RustyCluster;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster token: random, created once (never updated, so every pod and the operator keep
 * agreeing on it), owned by the cluster.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class AuthSecretDependentResource extends KubernetesDependentResource<Secret, RustyCluster>
    implements Creator<Secret, RustyCluster>, GarbageCollected<RustyCluster> {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  protected Secret desired(RustyCluster cluster, Context<RustyCluster> context) {
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    return new SecretBuilder()
        .withNewMetadata()
        .withName(Names.authSecret(cluster.getMetadata().getName()))
        .withNamespace(cluster.getMetadata().getNamespace())
        .withLabels(
            Map.of(
                Names.LABEL_MANAGED_BY,
                Names.MANAGED_BY,
                Names.LABEL_CLUSTER,
                cluster.getMetadata().getName()))
        .endMetadata()
        .withType("Opaque")
        .withStringData(
            Map.of(Names.TOKEN_KEY, Base64.getUrlEncoder().withoutPadding().encodeToString(token)))
        .build();
  }

  /**
   * @param secret the auth Secret (may be null)
   * @return the cluster token it holds
   */
  public static Optional<String> token(Secret secret) {
    if (secret == null) {
      return Optional.empty();
    }
    if (secret.getData() != null && secret.getData().get(Names.TOKEN_KEY) != null) {
      return Optional.of(
          new String(
              Base64.getDecoder().decode(secret.getData().get(Names.TOKEN_KEY)),
              StandardCharsets.UTF_8));
    }
    if (secret.getStringData() != null && secret.getStringData().get(Names.TOKEN_KEY) != null) {
      return Optional.of(secret.getStringData().get(Names.TOKEN_KEY));
    }
    return Optional.empty();
  }
}
