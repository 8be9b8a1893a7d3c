package io.rustyray.operator.crdgen;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyJob;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finishes the generated CRDs at build time ({@code
 * quarkus.operator-sdk.crd.crd-post-processor-class}): printer columns in the order the resource
 * class declares them (the generator sorts them by name), and descriptions for the fields of the
 * Kubernetes condition type, which fabric8's model does not carry.
 */
public class CrdPostProcessor implements CRDPostProcessor {
  private static final Map<String, Class<?>> KINDS =
      Map.of(
          "RustyCluster", RustyCluster.class,
          "RustyActor", RustyActor.class,
          "RustyJob", RustyJob.class);

  private static final Map<String, String> CONDITION_FIELDS =
      Map.of(
          "type", "Kind of condition, e.g. Ready.",
          "status", "True, False or Unknown.",
          "reason", "Why the condition has its status, in CamelCase.",
          "message", "Human-readable detail.",
          "lastTransitionTime", "When the status last changed (RFC 3339).",
          "observedGeneration", "The metadata.generation the condition was computed for.");

  @Override
  public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
    if (!(crd instanceof CustomResourceDefinition definition)) {
      return crd;
    }
    Class<?> type = KINDS.get(definition.getSpec().getNames().getKind());
    if (type == null) {
      return crd;
    }
    List<String> order =
        Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    for (var version : definition.getSpec().getVersions()) {
      if (version.getAdditionalPrinterColumns() != null) {
        version
            .getAdditionalPrinterColumns()
            .sort(
                Comparator.comparingInt(
                    (CustomResourceColumnDefinition c) -> order.indexOf(c.getName())));
      }
      if (version.getSchema() != null) {
        describeConditions(version.getSchema().getOpenAPIV3Schema());
      }
    }
    return crd;
  }

  private static void describeConditions(JSONSchemaProps schema) {
    if (schema == null) {
      return;
    }
    if (schema.getProperties() != null) {
      schema
          .getProperties()
          .forEach(
              (name, property) -> {
                if ("conditions".equals(name)
                    && property.getItems() != null
                    && property.getItems().getSchema() != null
                    && property.getItems().getSchema().getProperties() != null) {
                  property
                      .getItems()
                      .getSchema()
                      .getProperties()
                      .forEach(
                          (field, fieldSchema) -> {
                            if (fieldSchema.getDescription() == null) {
                              fieldSchema.setDescription(CONDITION_FIELDS.get(field));
                            }
                          });
                } else {
                  describeConditions(property);
                }
              });
    }
    if (schema.getItems() != null) {
      describeConditions(schema.getItems().getSchema());
    }
  }
}
