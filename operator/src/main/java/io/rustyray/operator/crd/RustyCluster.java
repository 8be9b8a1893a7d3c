package io.rustyray.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A RustyRay cluster: a head pod, its Service and auth Secret, and groups of worker pods. */
@Group(Crds.GROUP)
@Version(Crds.VERSION)
@ShortNames("rcl")
@Categories(Crds.CATEGORY)
@AdditionalPrinterColumn(name = "STATE", jsonPath = ".status.state")
@AdditionalPrinterColumn(
    name = "DESIRED",
    jsonPath = ".status.desiredWorkers",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "READY",
    jsonPath = ".status.readyWorkers",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "HEAD", jsonPath = ".status.head.podIP")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class RustyCluster extends CustomResource<RustyClusterSpec, RustyClusterStatus>
    implements Namespaced {
  @Override
  protected RustyClusterSpec initSpec() {
    return new RustyClusterSpec();
  }
}
