package io.rustyray.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyClusterSpec;
import java.time.Duration;

/** Test helper: clusters whose pods play "running" on 127.0.0.1, where the fake head listens. */
public final class Clusters {
  private Clusters() {}

  public static RustyCluster create(KubernetesClient client, String namespace, String name) {
    var cluster = new RustyCluster();
    cluster.getMetadata().setName(name);
    cluster.getMetadata().setNamespace(namespace);
    cluster.setSpec(new RustyClusterSpec());
    return client.resource(cluster).create();
  }

  /**
   * Marks every pod of the cluster Running and Ready at 127.0.0.1, lets their node agents join the
   * fake head, and waits for Ready.
   */
  public static void makeReady(KubernetesClient client, String namespace, String name) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !client
                    .pods()
                    .inNamespace(namespace)
                    .withLabel(Names.LABEL_CLUSTER, name)
                    .list()
                    .getItems()
                    .isEmpty());
    for (Pod pod :
        client
            .pods()
            .inNamespace(namespace)
            .withLabel(Names.LABEL_CLUSTER, name)
            .list()
            .getItems()) {
      client
          .pods()
          .inNamespace(namespace)
          .resource(
              new PodBuilder(pod)
                  .withNewStatus()
                  .withPhase("Running")
                  .withPodIP("127.0.0.1")
                  .addNewCondition()
                  .withType("Ready")
                  .withStatus("True")
                  .endCondition()
                  .endStatus()
                  .build())
          .updateStatus();
    }
    joinFakeHead(client, namespace, name);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              var c =
                  client.resources(RustyCluster.class).inNamespace(namespace).withName(name).get();
              return c != null
                  && c.getStatus() != null
                  && Conditions.isTrue(c.getStatus().getConditions(), "Ready");
            });
  }

  /**
   * The cluster's worker pods register with the fake head as their node agents would (its head runs
   * no node agent of its own).
   *
   * @param client the client
   * @param namespace the cluster's namespace
   * @param name the cluster's name
   */
  public static void joinFakeHead(KubernetesClient client, String namespace, String name) {
    if (TestingGcsResource.server == null) {
      return;
    }
    TestingGcsResource.server.join(
        client
            .pods()
            .inNamespace(namespace)
            .withLabel(Names.LABEL_CLUSTER, name)
            .withLabel(Names.LABEL_NODE_TYPE, Names.NODE_TYPE_WORKER)
            .list()
            .getItems()
            .stream()
            .map(p -> p.getMetadata().getName())
            .toList());
  }

  public static String token(KubernetesClient client, String namespace, String name) {
    return io.rustyray.operator.cluster.AuthSecretDependentResource.token(
            client.secrets().inNamespace(namespace).withName(Names.authSecret(name)).get())
        .orElseThrow();
  }
}
