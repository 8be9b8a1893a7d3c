package io.rustyray.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A driver program run against a RustyCluster, referenced or created for the job. */
@Group(Crds.GROUP)
@Version(Crds.VERSION)
@ShortNames("rjob")
@Categories(Crds.CATEGORY)
@AdditionalPrinterColumn(name = "CLUSTER", jsonPath = ".status.clusterName")
@AdditionalPrinterColumn(name = "STATUS", jsonPath = ".status.jobStatus")
@AdditionalPrinterColumn(
    name = "START",
    jsonPath = ".status.startTime",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "END",
    jsonPath = ".status.endTime",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class RustyJob extends CustomResource<RustyJobSpec, RustyJobStatus> implements Namespaced {}
