package io.rustyray.operator.program;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rustyray.operator.common.OperatorConfig;
import io.rustyray.operator.testing.Clusters;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operator as a program: configuration, health endpoints and Prometheus metrics. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorProgramIT {
  @Inject KubernetesClient client;
  @Inject OperatorConfig config;
  @Inject io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection;

  @Test
  void theDefaultRuntimeImageIsTheReleasedOne() {
    assertThat(config.runtimeImage()).isEqualTo("ghcr.io/rustyray/rustyray-runtime:0.1.0");
    assertThat(config.resyncPeriod()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void allNamespacesAreWatchedByDefaultAndLeaderElectionUsesOneLease() {
    assertThat(
            org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.operator-sdk.namespaces", String.class))
        .isEqualTo("JOSDK_ALL_NAMESPACES");
    assertThat(leaderElection.getLeaseName()).isEqualTo("rustyray-operator-leader");
  }

  @Test
  void livenessAndReadinessEndpointsAnswerUp() {
    given().get("/q/health/live").then().statusCode(200).body(containsString("UP"));
    given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
  }

  @Test
  void prometheusMetricsCountAndTimeReconciliationsPerKindNotPerResource() {
    Clusters.create(client, "metrics", "m1");
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () ->
                given()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString("rustycluster")));
    String metrics = given().get("/q/metrics").asString();
    // Counts (started, success) and durations (a timer) carry the controller, i.e. the kind.
    assertThat(metrics)
        .containsPattern("operator_sdk_reconciliations_started_total\\{[^}]*kind=\"RustyCluster\"")
        .containsPattern(
            "operator_sdk_controllers_execution_reconcile_seconds_count\\{controller=\"rustycluster\"");
    // One series per resource would grow with every RustyActor (memory here, and in Prometheus).
    assertThat(metrics).doesNotContainPattern("\\{[^}]*name=\"m1\"");
  }
}
