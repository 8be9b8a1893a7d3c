package io.rustyray.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A declarative, named, detached actor on a RustyCluster. */
@Group(Crds.GROUP)
@Version(Crds.VERSION)
@ShortNames("ract")
@Categories(Crds.CATEGORY)
@AdditionalPrinterColumn(name = "CLUSTER", jsonPath = ".spec.clusterRef")
@AdditionalPrinterColumn(name = "STATE", jsonPath = ".status.state")
@AdditionalPrinterColumn(name = "NODE", jsonPath = ".status.node")
// Priority 1 (kubectl get -o wide): the default columns are what the docs promise kubectl get
// shows.
@AdditionalPrinterColumn(
    name = "WORKER-PID",
    jsonPath = ".status.workerPid",
    type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "RESTARTS",
    jsonPath = ".status.restarts",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "DURABLE", jsonPath = ".status.durable")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class RustyActor extends CustomResource<RustyActorSpec, RustyActorStatus>
    implements Namespaced {
  /**
   * @return the actor's name in the cluster: spec.actorName, else metadata.name
   */
  public String actorName() {
    String name = getSpec() == null ? null : getSpec().getActorName();
    return name == null || name.isEmpty() ? getMetadata().getName() : name;
  }
}
