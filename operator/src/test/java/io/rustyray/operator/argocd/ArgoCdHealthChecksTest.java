package io.rustyray.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rustyray.operator.actor.ActorReason;
import io.rustyray.operator.actor.ActorStatusComputer;
import io.rustyray.operator.cluster.ClusterReason;
import io.rustyray.operator.common.Reason;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorSpec;
import io.rustyray.operator.job.JobReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the Argo CD health checks of deploy/argocd/health with a real Lua 5.1 interpreter (the
 * dialect Argo CD embeds) against every testdata file, as Argo CD's own health_test.yaml files are
 * run, and checks the argocd-cm snippet carries the same scripts.
 */
class ArgoCdHealthChecksTest {
  private static final Path HEALTH = Path.of("..", "deploy", "argocd", "health", "rustyray.io");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TestFactory
  Stream<DynamicTest> everyTestdataFileGetsItsExpectedHealthStatusAndMessage() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> kinds = Files.list(HEALTH)) {
      for (Path kind : kinds.sorted().toList()) {
        JsonNode cases = YAML.readTree(kind.resolve("health_test.yaml").toFile()).get("tests");
        for (JsonNode c : cases) {
          String input = c.get("inputPath").asText();
          tests.add(
              DynamicTest.dynamicTest(
                  kind.getFileName() + " " + input,
                  () -> {
                    JsonNode expected = c.get("healthStatus");
                    List<String> actual =
                        runLua(
                            kind.resolve("health.lua"),
                            YAML.readTree(kind.resolve(input).toFile()));
                    assertThat(actual.get(0)).isEqualTo(expected.get("status").asText());
                    assertThat(actual.get(1))
                        .isEqualTo(expected.has("message") ? expected.get("message").asText() : "");
                  }));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(20);
    return tests.stream();
  }

  /** The reasons each kind's code can write: its enum of reasons. */
  private static final Map<String, List<String>> REASONS_WRITTEN =
      Map.of(
          "RustyCluster", names(ClusterReason.values()),
          "RustyActor", names(ActorReason.values()),
          "RustyJob", names(JobReason.values()));

  private static List<String> names(Reason[] reasons) {
    return Stream.of(reasons).map(Reason::name).toList();
  }

  @Test
  void everyReasonAHealthCheckTestsForIsOneTheOperatorWrites() throws IOException {
    for (String kind : REASONS_WRITTEN.keySet()) {
      String script = Files.readString(HEALTH.resolve(kind).resolve("health.lua"));
      Matcher tested = Pattern.compile("reason\\s*[=~]=\\s*\"(\\w+)\"").matcher(script);
      while (tested.find()) {
        assertThat(REASONS_WRITTEN.get(kind))
            .as("%s's health check tests for reason %s", kind, tested.group(1))
            .contains(tested.group(1));
      }
    }
  }

  @Test
  void everyReasonInTheHealthChecksTestdataIsOneTheOperatorWrites() throws IOException {
    for (String kind : REASONS_WRITTEN.keySet()) {
      try (Stream<Path> files = Files.list(HEALTH.resolve(kind).resolve("testdata"))) {
        for (Path file : files.toList()) {
          for (JsonNode condition :
              YAML.readTree(file.toFile()).path("status").path("conditions")) {
            assertThat(REASONS_WRITTEN.get(kind))
                .as("reason in %s/testdata/%s", kind, file.getFileName())
                .contains(condition.get("reason").asText());
          }
        }
      }
    }
  }

  @Test
  void anActorWhoseClusterDoesNotExistReadsMissing() throws Exception {
    var actor = new RustyActor();
    actor.getMetadata().setName("counter");
    actor.getMetadata().setGeneration(1L);
    var spec = new RustyActorSpec();
    spec.setClusterRef("nowhere");
    actor.setSpec(spec);
    actor.setStatus(
        new ActorStatusComputer(Clock.systemUTC())
            .pending(actor, ActorReason.ClusterNotFound, "RustyCluster nowhere does not exist"));

    List<String> health =
        runLua(HEALTH.resolve("RustyActor").resolve("health.lua"), YAML.valueToTree(actor));

    assertThat(health).containsExactly("Missing", "RustyCluster nowhere does not exist");
  }

  @Test
  void argocdCmSnippetCarriesEachHealthScriptVerbatim() throws IOException {
    JsonNode data =
        YAML.readTree(Path.of("..", "deploy", "argocd", "argocd-cm-health.yaml").toFile())
            .get("data");
    for (String kind : List.of("RustyCluster", "RustyActor", "RustyJob")) {
      String script = Files.readString(HEALTH.resolve(kind).resolve("health.lua"));
      assertThat(data.get("resource.customizations.health.rustyray.io_" + kind).asText())
          .as(kind)
          .isEqualTo(script);
    }
  }

  private static List<String> runLua(Path script, JsonNode object) throws Exception {
    String program =
        "obj = "
            + lua(object)
            + "\nlocal hs = assert(loadfile(\""
            + script.toAbsolutePath()
            + "\"))()\nio.write(hs.status, \"\\n\", hs.message or \"\")";
    Process lua = new ProcessBuilder(interpreter(), "-").redirectErrorStream(true).start();
    lua.getOutputStream().write(program.getBytes(StandardCharsets.UTF_8));
    lua.getOutputStream().close();
    String out = new String(lua.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lua.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(lua.exitValue()).as(out).isZero();
    int newline = out.indexOf('\n');
    return List.of(out.substring(0, newline), out.substring(newline + 1));
  }

  private static String interpreter() {
    for (String candidate : List.of("/usr/bin/lua5.1", "/usr/local/bin/lua5.1")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "Lua 5.1 is needed to test the Argo CD health checks: apt-get install lua5.1");
  }

  /** A YAML document as a Lua table literal, as Argo CD hands the object to the script. */
  static String lua(JsonNode node) {
    if (node.isObject()) {
      StringBuilder sb = new StringBuilder("{");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sb.append('[').append(quote(e.getKey())).append("]=").append(lua(e.getValue())).append(',');
      }
      return sb.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder sb = new StringBuilder("{");
      node.forEach(item -> sb.append(lua(item)).append(','));
      return sb.append('}').toString();
    }
    if (node.isBoolean() || node.isNumber()) {
      return node.asText();
    }
    if (node.isNull()) {
      return "nil";
    }
    return quote(node.asText());
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
