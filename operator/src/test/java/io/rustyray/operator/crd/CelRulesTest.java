package io.rustyray.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.rustyray.protocol.resources.WorkerJvmOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluates the CRDs' CEL rules (x-kubernetes-validations) as an API server would, on the example
 * manifests (all must pass) and on manifests that break one rule each.
 */
class CelRulesTest {
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  record Rule(List<String> path, String expression, String message) {
    boolean isTransition() {
      return expression.contains("oldSelf");
    }
  }

  /** A rule that failed, with the message the API server would return. */
  record Violation(String path, String message) {}

  @SuppressWarnings("unchecked")
  static List<Rule> rules(Map<String, Object> schema, List<String> path) {
    List<Rule> rules = new ArrayList<>();
    var validations = (List<Map<String, Object>>) schema.get("x-kubernetes-validations");
    if (validations != null) {
      validations.forEach(
          v -> rules.add(new Rule(path, (String) v.get("rule"), (String) v.get("message"))));
    }
    var properties = (Map<String, Map<String, Object>>) schema.get("properties");
    if (properties != null) {
      properties.forEach(
          (name, sub) -> {
            List<String> next = new ArrayList<>(path);
            next.add(name);
            rules.addAll(rules(sub, next));
          });
    }
    var items = (Map<String, Object>) schema.get("items");
    if (items != null) {
      List<String> next = new ArrayList<>(path);
      next.add("[]");
      rules.addAll(rules(items, next));
    }
    return rules;
  }

  @SuppressWarnings("unchecked")
  static List<Object> valuesAt(Object root, List<String> path) {
    List<Object> current = List.of(root);
    for (String segment : path) {
      List<Object> next = new ArrayList<>();
      for (Object value : current) {
        if ("[]".equals(segment) && value instanceof List<?> list) {
          next.addAll(list);
        } else if (value instanceof Map<?, ?> map && map.get(segment) != null) {
          next.add(map.get(segment));
        }
      }
      current = next;
    }
    return current;
  }

  static List<Violation> violations(String plural, Object manifest, Object old) {
    List<Violation> violations = new ArrayList<>();
    for (Rule rule : rules(Manifests.schema(plural), List.of())) {
      List<Object> values = valuesAt(manifest, rule.path());
      List<Object> olds = old == null ? List.of() : valuesAt(old, rule.path());
      for (int i = 0; i < values.size(); i++) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("self", values.get(i));
        if (rule.isTransition()) {
          // Transition rules only run on updates, where the old object has the field too.
          if (i >= olds.size()) {
            continue;
          }
          vars.put("oldSelf", olds.get(i));
        }
        try {
          var program = RUNTIME.createProgram(COMPILER.compile(rule.expression()).getAst());
          if (!Boolean.TRUE.equals(program.eval(vars))) {
            violations.add(new Violation(String.join(".", rule.path()), rule.message()));
          }
        } catch (Exception e) {
          throw new AssertionError("rule " + rule.expression() + " does not evaluate: " + e, e);
        }
      }
    }
    return violations;
  }

  @Test
  void everyExampleManifestSatisfiesEveryRuleOnCreateAndOnUnchangedUpdate() {
    Map<String, Object> cluster = Manifests.read(Manifests.examples().resolve("cluster.yaml"));
    Map<String, Object> actor = Manifests.read(Manifests.examples().resolve("counter-actor.yaml"));
    Map<String, Object> durable =
        Manifests.read(Manifests.examples().resolve("durable-counter-actor.yaml"));
    Map<String, Object> job = Manifests.read(Manifests.examples().resolve("pi-job.yaml"));
    assertThat(violations("rustyclusters", cluster, cluster)).isEmpty();
    assertThat(violations("rustyactors", actor, actor)).isEmpty();
    assertThat(violations("rustyactors", durable, durable)).isEmpty();
    assertThat(violations("rustyjobs", job, job)).isEmpty();
  }

  @Test
  void replicasAboveMaxReplicasIsRejected() {
    assertThat(
            violations(
                "rustyclusters", Manifests.resource("cluster-replicas-above-max.yaml"), null))
        .extracting(Violation::message)
        .containsExactly("minReplicas <= replicas <= maxReplicas must hold");
  }

  @Test
  void replicasBelowMinReplicasIsRejected() {
    assertThat(
            violations(
                "rustyclusters", Manifests.resource("cluster-replicas-below-min.yaml"), null))
        .extracting(Violation::message)
        .containsExactly("minReplicas <= replicas <= maxReplicas must hold");
  }

  @Test
  void duplicateWorkerGroupNamesAreRejected() {
    assertThat(
            violations("rustyclusters", Manifests.resource("cluster-duplicate-groups.yaml"), null))
        .extracting(Violation::message)
        .containsExactly("worker group names must be unique");
  }

  private static final String ONE_STORE =
      "exactly one of redis and persistentVolumeClaim must be set";

  @Test
  void aHeadStoreOnRedisOrOnAVolumeIsAccepted() {
    assertThat(
            violations("rustyclusters", Manifests.resource("cluster-gcs-store-redis.yaml"), null))
        .isEmpty();
    assertThat(
            violations("rustyclusters", Manifests.resource("cluster-gcs-store-volume.yaml"), null))
        .isEmpty();
  }

  @Test
  void aHeadStoreOnBothRedisAndAVolumeIsRejected() {
    assertThat(violations("rustyclusters", Manifests.resource("cluster-gcs-store-both.yaml"), null))
        .extracting(Violation::message)
        .containsExactly(ONE_STORE);
  }

  @Test
  void anEmptyHeadStoreIsRejected() {
    assertThat(violations("rustyclusters", Manifests.resource("cluster-gcs-store-none.yaml"), null))
        .extracting(Violation::message)
        .containsExactly(ONE_STORE);
  }

  @Test
  void aJobsOwnClusterFollowsTheSameStoreRule() {
    Map<String, Object> job = Manifests.read(Manifests.examples().resolve("pi-job.yaml"));
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) job.get("spec");
    spec.remove("clusterRef");
    spec.put(
        "clusterSpec",
        Manifests.normalize(
            Map.of(
                "head",
                Map.of(
                    "gcsStore",
                    Map.of(
                        "redis",
                        Map.of("address", "r:6379"),
                        "persistentVolumeClaim",
                        Map.of())))));
    assertThat(violations("rustyjobs", job, null))
        .extracting(Violation::message)
        .contains(ONE_STORE);
  }

  @Test
  void aJobWithBothClusterRefAndClusterSpecIsRejected() {
    assertThat(violations("rustyjobs", Manifests.resource("job-both-clusters.yaml"), null))
        .extracting(Violation::message)
        .containsExactly("exactly one of clusterRef and clusterSpec must be set");
  }

  @Test
  void aJobWithNeitherClusterRefNorClusterSpecIsRejected() {
    assertThat(violations("rustyjobs", Manifests.resource("job-no-cluster.yaml"), null))
        .extracting(Violation::message)
        .containsExactly("exactly one of clusterRef and clusterSpec must be set");
  }

  @Test
  @SuppressWarnings("unchecked")
  void changingAnActorsClusterRefIsRejected() {
    Map<String, Object> old = Manifests.read(Manifests.examples().resolve("counter-actor.yaml"));
    Map<String, Object> changed =
        Manifests.read(Manifests.examples().resolve("counter-actor.yaml"));
    ((Map<String, Object>) changed.get("spec")).put("clusterRef", "other");
    assertThat(violations("rustyactors", changed, old))
        .extracting(Violation::message)
        .containsExactly("clusterRef is immutable");
  }

  @Test
  @SuppressWarnings("unchecked")
  void changingAJobsEntrypointIsRejected() {
    Map<String, Object> old = Manifests.read(Manifests.examples().resolve("pi-job.yaml"));
    Map<String, Object> changed = Manifests.read(Manifests.examples().resolve("pi-job.yaml"));
    ((Map<String, Object>) ((Map<String, Object>) changed.get("spec")).get("entrypoint"))
        .put("mainClass", "io.rustyray.examples.CounterClient");
    assertThat(violations("rustyjobs", changed, old))
        .extracting(Violation::message)
        .containsExactly("entrypoint is immutable");
  }

  @Test
  @SuppressWarnings("unchecked")
  void turningClusterAuthOffLaterIsRejected() {
    Map<String, Object> old = Manifests.read(Manifests.examples().resolve("cluster.yaml"));
    ((Map<String, Object>) old.get("spec")).put("auth", new HashMap<>(Map.of("enabled", true)));
    Map<String, Object> changed = Manifests.read(Manifests.examples().resolve("cluster.yaml"));
    ((Map<String, Object>) changed.get("spec"))
        .put("auth", new HashMap<>(Map.of("enabled", false)));
    assertThat(violations("rustyclusters", changed, old))
        .extracting(Violation::message)
        .containsExactly("auth.enabled is immutable");
  }

  private static final String NOT_AN_OPTION =
      "a JVM option starts with '-', e.g. -Xmx256m or -Dkey=value";
  private static final String REPLACES_THE_PROGRAM =
      "-cp, -classpath, --class-path, -jar, -m, --module, --module-path and -p are not allowed:"
          + " the runtime sets the worker's classpath and program (ship code in the job's jars)";

  /**
   * What the head refuses ({@link WorkerJvmOptions#RESERVED}), alone and as {@code name=value}: the
   * schema refuses the same at apply, and a new refusal at the head shows up here.
   */
  private static final List<String> CLASSPATH_AND_PROGRAM_OPTIONS =
      WorkerJvmOptions.RESERVED.stream()
          .flatMap(option -> java.util.stream.Stream.of(option, option + "=/opt/other"))
          .sorted()
          .toList();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> counterActorWith(Map<String, Object> fields) {
    Map<String, Object> actor = Manifests.read(Manifests.examples().resolve("counter-actor.yaml"));
    ((Map<String, Object>) actor.get("spec")).putAll(Manifests.normalize(fields));
    return actor;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> piJobWith(List<String> workerJvmOptions) {
    Map<String, Object> job = Manifests.read(Manifests.examples().resolve("pi-job.yaml"));
    ((Map<String, Object>) job.get("spec")).put("workerJvmOptions", workerJvmOptions);
    return job;
  }

  @Test
  void anActorMayGiveItsWorkerOrdinaryJvmOptions() {
    var actor =
        counterActorWith(
            Map.of(
                "jvmOptions",
                List.of(
                    "-Xmx256m",
                    "-Dkey=value",
                    "-XX:+UseZGC",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "-javaagent:/opt/agent.jar",
                    "-Dcp=1")));
    assertThat(violations("rustyactors", actor, null)).isEmpty();
  }

  @Test
  void anActorJvmOptionWithoutALeadingDashIsRejected() {
    var actor = counterActorWith(Map.of("jvmOptions", List.of("-Xmx256m", "Xmx256m")));
    assertThat(violations("rustyactors", actor, null))
        .extracting(Violation::message)
        .containsExactly(NOT_AN_OPTION);
  }

  @Test
  void anActorJvmOptionThatWouldReplaceTheWorkersClasspathOrProgramIsRejected() {
    for (String option : CLASSPATH_AND_PROGRAM_OPTIONS) {
      var actor = counterActorWith(Map.of("jvmOptions", List.of("-Xmx256m", option)));
      assertThat(violations("rustyactors", actor, null))
          .as(option)
          .extracting(Violation::message)
          .containsExactly(REPLACES_THE_PROGRAM);
    }
  }

  @Test
  void aSharedWorkerActorWithJvmOptionsIsRejected() {
    var actor = counterActorWith(Map.of("sharedWorker", true, "jvmOptions", List.of("-Xmx256m")));
    assertThat(violations("rustyactors", actor, null))
        .extracting(Violation::message)
        .containsExactly(
            "sharedWorker and jvmOptions cannot be combined: a shared worker process runs with"
                + " its job's options only");
  }

  @Test
  void aSharedWorkerActorWithoutJvmOptionsIsAccepted() {
    assertThat(violations("rustyactors", counterActorWith(Map.of("sharedWorker", true)), null))
        .isEmpty();
    assertThat(
            violations(
                "rustyactors",
                counterActorWith(Map.of("sharedWorker", true, "jvmOptions", List.of())),
                null))
        .isEmpty();
    assertThat(
            violations(
                "rustyactors",
                counterActorWith(Map.of("sharedWorker", false, "jvmOptions", List.of("-Xmx1g"))),
                null))
        .isEmpty();
  }

  @Test
  void aJobsWorkerJvmOptionsFollowTheSameRulesAsAnActors() {
    assertThat(violations("rustyjobs", piJobWith(List.of("-Xmx512m", "-Dkey=value")), null))
        .isEmpty();
    assertThat(violations("rustyjobs", piJobWith(List.of("-Xmx512m", "Xmx512m")), null))
        .extracting(Violation::message)
        .containsExactly(NOT_AN_OPTION);
    for (String option : CLASSPATH_AND_PROGRAM_OPTIONS) {
      assertThat(violations("rustyjobs", piJobWith(List.of(option)), null))
          .as(option)
          .extracting(Violation::message)
          .containsExactly(REPLACES_THE_PROGRAM);
    }
  }

  private static final String ONE_CHECKPOINT_POLICY =
      "exactly one of everyCall: true and intervalSeconds must be set";
  private static final String CHECKPOINT_KEPT =
      "checkpoint cannot be changed or removed once set: the actor would be created anew without"
          + " its kept state (delete the RustyActor and apply it again to start over)";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> durableCounterWith(Map<String, Object> checkpoint) {
    Map<String, Object> actor =
        Manifests.read(Manifests.examples().resolve("durable-counter-actor.yaml"));
    Map<String, Object> spec = (Map<String, Object>) actor.get("spec");
    if (checkpoint == null) {
      spec.remove("checkpoint");
    } else {
      spec.put("checkpoint", Manifests.normalize(checkpoint));
    }
    return actor;
  }

  @Test
  void aCheckpointEveryCallOrEveryNSecondsIsAccepted() {
    assertThat(violations("rustyactors", durableCounterWith(Map.of("everyCall", true)), null))
        .isEmpty();
    assertThat(violations("rustyactors", durableCounterWith(Map.of("intervalSeconds", 30)), null))
        .isEmpty();
    assertThat(
            violations(
                "rustyactors",
                durableCounterWith(Map.of("everyCall", false, "intervalSeconds", 30)),
                null))
        .isEmpty();
  }

  @Test
  void aCheckpointWithBothEveryCallAndAnIntervalIsRejected() {
    assertThat(
            violations(
                "rustyactors",
                durableCounterWith(Map.of("everyCall", true, "intervalSeconds", 30)),
                null))
        .extracting(Violation::message)
        .containsExactly(ONE_CHECKPOINT_POLICY);
  }

  @Test
  void aCheckpointWithNeitherEveryCallNorAnIntervalIsRejected() {
    for (Map<String, Object> checkpoint :
        List.<Map<String, Object>>of(Map.of(), Map.of("everyCall", false))) {
      assertThat(violations("rustyactors", durableCounterWith(checkpoint), null))
          .as(checkpoint.toString())
          .extracting(Violation::message)
          .containsExactly(ONE_CHECKPOINT_POLICY);
    }
  }

  @Test
  void changingOrRemovingAnActorsCheckpointIsRejected() {
    var everyCall = durableCounterWith(Map.of("everyCall", true));
    assertThat(
            violations("rustyactors", durableCounterWith(Map.of("intervalSeconds", 30)), everyCall))
        .extracting(Violation::message)
        .containsExactly(CHECKPOINT_KEPT);
    assertThat(violations("rustyactors", durableCounterWith(null), everyCall))
        .extracting(Violation::message)
        .containsExactly(CHECKPOINT_KEPT);
    var every30s = durableCounterWith(Map.of("intervalSeconds", 30));
    assertThat(
            violations("rustyactors", durableCounterWith(Map.of("intervalSeconds", 60)), every30s))
        .extracting(Violation::message)
        .containsExactly(CHECKPOINT_KEPT);
  }

  @Test
  void addingACheckpointToAnActorOrKeepingItIsAccepted() {
    var plain = durableCounterWith(null);
    var everyCall = durableCounterWith(Map.of("everyCall", true));
    assertThat(violations("rustyactors", everyCall, plain)).isEmpty();
    assertThat(violations("rustyactors", durableCounterWith(Map.of("everyCall", true)), everyCall))
        .isEmpty();
  }
}
