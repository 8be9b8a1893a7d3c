package io.rustyray.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the committed CRDs promise: names, columns, documentation and a schema the examples fit. */
class CrdSchemaTest {
  /**
   * Our own fields and the condition fields carry descriptions; inside these embedded Kubernetes
   * types (ResourceRequirements, Toleration, EnvVar) the schema comes from fabric8 without them.
   */
  private static final List<String> KUBERNETES_TYPES = List.of("resources", "tolerations", "env");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> crd(String plural) {
    return Manifests.read(Manifests.crds().resolve(plural + ".rustyray.io-v1.yml"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> names(String plural) {
    return (Map<String, Object>) ((Map<String, Object>) crd(plural).get("spec")).get("names");
  }

  /** The columns plain {@code kubectl get} shows: those of priority 0. */
  private static List<String> columns(String plural) {
    return columns(plural, false);
  }

  /**
   * @param wide whether {@code -o wide} output is meant, which adds the columns of priority > 0
   */
  @SuppressWarnings("unchecked")
  private static List<String> columns(String plural, boolean wide) {
    var version =
        ((List<Map<String, Object>>)
                ((Map<String, Object>) crd(plural).get("spec")).get("versions"))
            .get(0);
    return ((List<Map<String, Object>>) version.get("additionalPrinterColumns"))
        .stream()
            .filter(c -> wide || ((Number) c.getOrDefault("priority", 0L)).intValue() == 0)
            .map(c -> (String) c.get("name"))
            .toList();
  }

  @Test
  void shortNamesAreOursAndTheCategoryIsRusty() {
    assertThat(names("rustyclusters").get("shortNames")).isEqualTo(List.of("rcl"));
    assertThat(names("rustyactors").get("shortNames")).isEqualTo(List.of("ract"));
    assertThat(names("rustyjobs").get("shortNames")).isEqualTo(List.of("rjob"));
    for (String plural : List.of("rustyclusters", "rustyactors", "rustyjobs")) {
      assertThat(names(plural).get("categories")).isEqualTo(List.of("rusty"));
    }
  }

  @Test
  void printerColumnsShowWhatKubectlGetPromises() {
    assertThat(columns("rustyclusters"))
        .containsExactly("STATE", "DESIRED", "READY", "HEAD", "AGE");
    assertThat(columns("rustyactors"))
        .containsExactly("CLUSTER", "STATE", "NODE", "RESTARTS", "DURABLE", "AGE");
    assertThat(columns("rustyjobs")).containsExactly("CLUSTER", "STATUS", "START", "END", "AGE");
  }

  @Test
  void wideOutputAddsTheActorsWorkerPidRightAfterItsNode() {
    assertThat(columns("rustyactors", true))
        .containsExactly("CLUSTER", "STATE", "NODE", "WORKER-PID", "RESTARTS", "DURABLE", "AGE");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> column(String plural, String name) {
    var version =
        ((List<Map<String, Object>>)
                ((Map<String, Object>) crd(plural).get("spec")).get("versions"))
            .get(0);
    return ((List<Map<String, Object>>) version.get("additionalPrinterColumns"))
        .stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
  }

  @Test
  void theDurableColumnShowsWhatTheStatusSaysOfTheActorsCheckpoints() {
    assertThat(column("rustyactors", "DURABLE"))
        .containsEntry("jsonPath", ".status.durable")
        .containsEntry("type", "string");
  }

  @Test
  void everyOwnFieldHasADescriptionForKubectlExplain() {
    for (String plural : List.of("rustyclusters", "rustyactors", "rustyjobs")) {
      List<String> missing = new ArrayList<>();
      undocumented(Manifests.schema(plural), plural, missing);
      assertThat(missing).as(plural).isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static void undocumented(Map<String, Object> schema, String path, List<String> missing) {
    var properties = (Map<String, Map<String, Object>>) schema.get("properties");
    if (properties == null) {
      var items = (Map<String, Object>) schema.get("items");
      if (items != null) {
        undocumented(items, path + "[]", missing);
      }
      return;
    }
    properties.forEach(
        (name, sub) -> {
          String child = path + "." + name;
          boolean top =
              path.indexOf('.') < 0
                  && List.of("apiVersion", "kind", "metadata", "spec", "status").contains(name);
          if (!top && sub.get("description") == null) {
            missing.add(child);
          }
          if (!KUBERNETES_TYPES.contains(name)) {
            undocumented(sub, child, missing);
          }
        });
  }

  @Test
  void everyResourceHasAStatusSubresource() {
    for (String plural : List.of("rustyclusters", "rustyactors", "rustyjobs")) {
      var version =
          ((List<Map<String, Object>>)
                  ((Map<String, Object>) crd(plural).get("spec")).get("versions"))
              .get(0);
      assertThat((Map<String, Object>) version.get("subresources")).containsKey("status");
    }
  }

  @Test
  void theExampleManifestsFitTheSchemas() {
    assertThat(
            SchemaCheck.errors(
                Manifests.read(Manifests.examples().resolve("cluster.yaml")),
                Manifests.schema("rustyclusters")))
        .isEmpty();
    assertThat(
            SchemaCheck.errors(
                Manifests.read(Manifests.examples().resolve("counter-actor.yaml")),
                Manifests.schema("rustyactors")))
        .isEmpty();
    assertThat(
            SchemaCheck.errors(
                Manifests.read(Manifests.examples().resolve("durable-counter-actor.yaml")),
                Manifests.schema("rustyactors")))
        .isEmpty();
    assertThat(
            SchemaCheck.errors(
                Manifests.read(Manifests.examples().resolve("pi-job.yaml")),
                Manifests.schema("rustyjobs")))
        .isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCheckpointIntervalBelowOneSecondOrOfTheWrongTypeFailsTheSchemaEvenWithoutCel() {
    for (Object interval : List.of(0L, -5L, "30s")) {
      Map<String, Object> actor =
          Manifests.read(Manifests.examples().resolve("durable-counter-actor.yaml"));
      ((Map<String, Object>) actor.get("spec"))
          .put("checkpoint", new java.util.HashMap<>(Map.of("intervalSeconds", interval)));
      assertThat(SchemaCheck.errors(actor, Manifests.schema("rustyactors")))
          .as(String.valueOf(interval))
          .anyMatch(e -> e.startsWith(".spec.checkpoint.intervalSeconds"));
    }
  }

  @Test
  void theSchemaCheckCatchesUnknownFieldsWrongTypesAndPatterns() {
    Map<String, Object> bad =
        Manifests.normalize(
            Map.of(
                "apiVersion",
                "rustyray.io/v1alpha1",
                "kind",
                "RustyActor",
                "metadata",
                Map.of("name", "x"),
                "spec",
                Map.of(
                    "clusterRef",
                    "Not_A_Name",
                    "className",
                    "io.example.Counter",
                    "maxRestarts",
                    -5,
                    "unknownField",
                    1)));
    assertThat(SchemaCheck.errors(bad, Manifests.schema("rustyactors")))
        .anyMatch(e -> e.contains("clusterRef"))
        .anyMatch(e -> e.contains("maxRestarts"))
        .anyMatch(e -> e.contains("unknownField"));
  }

  /**
   * A small OpenAPI v3 structural check: types, unknown fields, required, enum, pattern, minimum.
   */
  static final class SchemaCheck {
    @SuppressWarnings("unchecked")
    static List<String> errors(Object value, Map<String, Object> schema) {
      List<String> errors = new ArrayList<>();
      check(value, schema, "", errors);
      return errors;
    }

    @SuppressWarnings("unchecked")
    private static void check(
        Object value, Map<String, Object> schema, String path, List<String> errors) {
      if (Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))
          && schema.get("properties") == null) {
        return;
      }
      if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
        if (!(value instanceof String || value instanceof Long)) {
          errors.add(path + ": int or string expected");
        }
        return;
      }
      String type = (String) schema.get("type");
      if ("object".equals(type)) {
        if (!(value instanceof Map<?, ?> map)) {
          errors.add(path + ": object expected");
          return;
        }
        var properties = (Map<String, Map<String, Object>>) schema.get("properties");
        var additional = schema.get("additionalProperties");
        for (var e : ((Map<String, Object>) map).entrySet()) {
          if (properties != null && properties.containsKey(e.getKey())) {
            check(e.getValue(), properties.get(e.getKey()), path + "." + e.getKey(), errors);
          } else if (additional instanceof Map<?, ?> add) {
            check(e.getValue(), (Map<String, Object>) add, path + "." + e.getKey(), errors);
          } else if (path.isEmpty()
              && List.of("apiVersion", "kind", "metadata").contains(e.getKey())) {
            // metadata is validated by the API server itself
          } else {
            errors.add(path + "." + e.getKey() + ": unknown field");
          }
        }
        var required = (List<String>) schema.get("required");
        if (required != null) {
          required.stream()
              .filter(r -> !map.containsKey(r))
              .forEach(r -> errors.add(path + "." + r + ": required"));
        }
      } else if ("array".equals(type)) {
        if (!(value instanceof List<?> list)) {
          errors.add(path + ": array expected");
          return;
        }
        for (int i = 0; i < list.size(); i++) {
          check(
              list.get(i), (Map<String, Object>) schema.get("items"), path + "[" + i + "]", errors);
        }
      } else if ("string".equals(type)) {
        if (!(value instanceof String s)) {
          errors.add(path + ": string expected");
          return;
        }
        if (schema.get("pattern") != null
            && !Pattern.compile((String) schema.get("pattern")).matcher(s).find()) {
          errors.add(path + ": does not match " + schema.get("pattern"));
        }
        if (schema.get("enum") != null && !((List<Object>) schema.get("enum")).contains(s)) {
          errors.add(path + ": not one of " + schema.get("enum"));
        }
      } else if ("integer".equals(type) || "number".equals(type)) {
        if (!(value instanceof Number n) || ("integer".equals(type) && !(value instanceof Long))) {
          errors.add(path + ": " + type + " expected");
          return;
        }
        if (schema.get("minimum") instanceof Number min && n.doubleValue() < min.doubleValue()) {
          errors.add(path + ": below minimum " + min);
        }
        if (schema.get("maximum") instanceof Number max && n.doubleValue() > max.doubleValue()) {
          errors.add(path + ": above maximum " + max);
        }
      } else if ("boolean".equals(type) && !(value instanceof Boolean)) {
        errors.add(path + ": boolean expected");
      }
    }
  }
}
