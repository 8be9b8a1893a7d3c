package io.rustyray.operator.head;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.RustyCluster;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Finds the endpoint of a cluster's head from the cluster's status and auth Secret. */
public final class HeadEndpoints {
  private HeadEndpoints() {}

  /**
   * @param client the Kubernetes client
   * @param cluster the cluster
   * @param port the head's GCS port
   * @return the head's endpoint, once the head pod has an IP and (with auth) the Secret exists
   */
  public static Optional<HeadEndpoint> of(KubernetesClient client, RustyCluster cluster, int port) {
    var status = cluster.getStatus();
    if (status == null || status.getHead() == null || status.getHead().getPodIP() == null) {
      return Optional.empty();
    }
    String address = status.getHead().getPodIP() + ":" + port;
    boolean auth =
        cluster.getSpec().getAuth() == null
            || !Boolean.FALSE.equals(cluster.getSpec().getAuth().getEnabled());
    if (!auth) {
      return Optional.of(new HeadEndpoint(address, ""));
    }
    Secret secret =
        client
            .secrets()
            .inNamespace(cluster.getMetadata().getNamespace())
            .withName(Names.authSecret(cluster.getMetadata().getName()))
            .get();
    return token(secret).map(token -> new HeadEndpoint(address, token));
  }

  /**
   * @param secret the auth Secret (may be null)
   * @return its token
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
