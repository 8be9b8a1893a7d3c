package io.rustyray.operator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.crd.EntrypointSpec;
import io.rustyray.operator.crd.JobState;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyClusterSpec;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.crd.RustyJobSpec;
import io.rustyray.operator.testing.Clusters;
import io.rustyray.operator.testing.TestingGcsResource;
import io.rustyray.operator.testing.TestingGcsServer;
import io.rustyray.protocol.proto.JobStatus;
import io.rustyray.protocol.proto.StopJobRequest;
import io.rustyray.protocol.proto.SubmitJobRequest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RustyJob against the mock API server (CRUD mode, SSA off) and the fake head. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TestingGcsResource.class)
class RustyJobReconcilerIT {
  private static final String NS = "jobs";
  @Inject KubernetesClient client;

  private TestingGcsServer head() {
    return TestingGcsResource.server;
  }

  @BeforeEach
  void freshHead() {
    head().reset();
  }

  private RustyJob job(String name, Consumer<RustyJobSpec> customize) {
    var job = new RustyJob();
    job.getMetadata().setName(name);
    job.getMetadata().setNamespace(NS);
    var spec = new RustyJobSpec();
    var entrypoint = new EntrypointSpec();
    entrypoint.setMainClass("io.rustyray.examples.Pi");
    entrypoint.setArgs(List.of("400"));
    spec.setEntrypoint(entrypoint);
    customize.accept(spec);
    job.setSpec(spec);
    return client.resource(job).create();
  }

  private RustyJob get(String name) {
    return client.resources(RustyJob.class).inNamespace(NS).withName(name).get();
  }

  private List<SubmitJobRequest> submissions(String name) {
    return head().calls("SubmitJob").stream()
        .map(c -> (SubmitJobRequest) c.request())
        .filter(r -> Submissions.isOf(get(name), r.getSubmissionId()))
        .toList();
  }

  private String jobIdOf(String name) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> get(name).getStatus() != null && get(name).getStatus().getJobId() != null);
    return get(name).getStatus().getJobId();
  }

  /** The job's status, failing (for awaitility to retry) while it has none. */
  private io.rustyray.operator.crd.RustyJobStatus status(String name) {
    var job = get(name);
    assertThat(job).isNotNull();
    assertThat(job.getStatus()).isNotNull();
    return job.getStatus();
  }

  private static String reason(RustyJob job, String type) {
    return Conditions.find(job.getStatus().getConditions(), type).orElseThrow().getReason();
  }

  @Test
  void aJobIsSubmittedOnceItsClusterIsReadyAndCompletesWithTheHeadsReport() {
    job("pi", s -> s.setClusterRef("j1"));
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(status("pi").getJobStatus()).isEqualTo(JobState.PENDING);
              assertThat(reason(get("pi"), "Ready")).isEqualTo("ClusterNotFound");
            });
    assertThat(submissions("pi")).isEmpty();
    Clusters.create(client, NS, "j1");
    Clusters.makeReady(client, NS, "j1");
    String jobId = jobIdOf("pi");
    assertThat(submissions("pi"))
        .first()
        .satisfies(
            r -> {
              assertThat(r.getSubmissionId()).isEqualTo(Submissions.id(get("pi"), 1));
              assertThat(r.getMainClass()).isEqualTo("io.rustyray.examples.Pi");
              assertThat(r.getArgsList()).containsExactly("400");
            });
    head().setJob(jobId, JobStatus.RUNNING, "");
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(status("pi").getJobStatus()).isEqualTo(JobState.RUNNING);
              assertThat(status("pi").getStartTime()).isNotNull();
              assertThat(Conditions.isTrue(status("pi").getConditions(), "Ready")).isTrue();
            });
    head().setJob(jobId, JobStatus.SUCCEEDED, "");
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var status = status("pi");
              assertThat(status.getJobStatus()).isEqualTo(JobState.SUCCEEDED);
              assertThat(status.getEndTime()).isNotNull();
              assertThat(Conditions.isTrue(status.getConditions(), "Complete")).isTrue();
              assertThat(Conditions.isTrue(status.getConditions(), "Failed")).isFalse();
            });
    assertThat(submissions("pi"))
        .extracting(SubmitJobRequest::getSubmissionId)
        .containsOnly(Submissions.id(get("pi"), 1));
  }

  @Test
  void aFailedAttemptIsResubmittedUpToBackoffLimitThenTheJobFails() {
    Clusters.create(client, NS, "j2");
    Clusters.makeReady(client, NS, "j2");
    job(
        "flaky",
        s -> {
          s.setClusterRef("j2");
          s.setBackoffLimit(1);
        });
    String first = jobIdOf("flaky");
    head().setJob(first, JobStatus.FAILED, "exit code 1");
    // Generous: with SSA off (mock server only) a status patch is a JSON patch against the
    // cached resource; when the head's report of attempt 2 races our own write, that patch does
    // not apply and the mock server answers only after the client's 10 s timeout, then the
    // retry succeeds. With SSA (production) there is no base to be stale.
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(submissions("flaky"))
                  .extracting(SubmitJobRequest::getSubmissionId)
                  .contains(Submissions.id(get("flaky"), 2));
              assertThat(get("flaky").getStatus().getAttempts()).isEqualTo(2);
              // The jobId comes with the head's report of attempt 2.
              assertThat(get("flaky").getStatus().getJobId()).isNotNull().isNotEqualTo(first);
            });
    head().setJob(get("flaky").getStatus().getJobId(), JobStatus.FAILED, "exit code 1");
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var status = get("flaky").getStatus();
              assertThat(status.getJobStatus()).isEqualTo(JobState.FAILED);
              assertThat(Conditions.isTrue(status.getConditions(), "Failed")).isTrue();
              assertThat(reason(get("flaky"), "Failed")).isEqualTo("AppFailed");
              assertThat(status.getMessage()).isEqualTo("exit code 1");
            });
    assertThat(submissions("flaky"))
        .extracting(SubmitJobRequest::getSubmissionId)
        .doesNotContain(Submissions.id(get("flaky"), 3));
  }

  @Test
  void aJobPastItsActiveDeadlineIsStoppedAndMarkedFailed() {
    Clusters.create(client, NS, "j3");
    Clusters.makeReady(client, NS, "j3");
    job(
        "slow",
        s -> {
          s.setClusterRef("j3");
          s.setActiveDeadlineSeconds(1L);
        });
    String jobId = jobIdOf("slow");
    head().setJob(jobId, JobStatus.RUNNING, "");
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(head().calls("StopJob"))
                  .extracting(c -> ((StopJobRequest) c.request()).getJobId())
                  .contains(jobId);
              assertThat(get("slow").getStatus().getJobStatus()).isEqualTo(JobState.FAILED);
              assertThat(reason(get("slow"), "Failed")).isEqualTo("DeadlineExceeded");
            });
  }

  @Test
  void suspendStopsARunningJobAndResumingSubmitsANewAttempt() {
    Clusters.create(client, NS, "j4");
    Clusters.makeReady(client, NS, "j4");
    job("pausable", s -> s.setClusterRef("j4"));
    String jobId = jobIdOf("pausable");
    head().setJob(jobId, JobStatus.RUNNING, "");
    client
        .resources(RustyJob.class)
        .inNamespace(NS)
        .withName("pausable")
        // As kubectl patch --type=merge does: no resourceVersion, so the operator's own writes
        // in between cannot make it conflict.
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}");
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(head().calls("StopJob"))
                  .extracting(c -> ((StopJobRequest) c.request()).getJobId())
                  .contains(jobId);
              assertThat(get("pausable").getStatus().getJobStatus()).isEqualTo(JobState.STOPPED);
              assertThat(reason(get("pausable"), "Ready")).isEqualTo("Suspended");
              assertThat(Conditions.isTrue(get("pausable").getStatus().getConditions(), "Failed"))
                  .isFalse();
            });
    client
        .resources(RustyJob.class)
        .inNamespace(NS)
        .withName("pausable")
        // As kubectl patch --type=merge does: no resourceVersion, so the operator's own writes
        // in between cannot make it conflict.
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":false}}");
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () ->
                assertThat(submissions("pausable"))
                    .extracting(SubmitJobRequest::getSubmissionId)
                    .contains(Submissions.id(get("pausable"), 2)));
  }

  @Test
  void aClusterSpecJobGetsItsOwnClusterWhichGoesAfterTheJobWhenAsked() {
    job(
        "ephemeral",
        s -> {
          s.setClusterSpec(new RustyClusterSpec());
          s.setShutdownAfterJobFinishes(true);
        });
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                client
                        .resources(RustyCluster.class)
                        .inNamespace(NS)
                        .withName("ephemeral-cluster")
                        .get()
                    != null);
    var cluster =
        client.resources(RustyCluster.class).inNamespace(NS).withName("ephemeral-cluster").get();
    assertThat(cluster.getMetadata().getOwnerReferences().get(0).getUid())
        .isEqualTo(get("ephemeral").getMetadata().getUid());
    Clusters.makeReady(client, NS, "ephemeral-cluster");
    String jobId = jobIdOf("ephemeral");
    assertThat(get("ephemeral").getStatus().getClusterName()).isEqualTo("ephemeral-cluster");
    head().setJob(jobId, JobStatus.SUCCEEDED, "");
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .resources(RustyCluster.class)
                            .inNamespace(NS)
                            .withName("ephemeral-cluster")
                            .get())
                    .isNull());
  }

  @Test
  void aFinishedJobIsDeletedAfterItsTtl() {
    Clusters.create(client, NS, "j5");
    Clusters.makeReady(client, NS, "j5");
    job(
        "shortlived",
        s -> {
          s.setClusterRef("j5");
          s.setTtlSecondsAfterFinished(1);
        });
    String jobId = jobIdOf("shortlived");
    head().setJob(jobId, JobStatus.SUCCEEDED, "");
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(get("shortlived")).isNull());
  }

  @Test
  void aRunningJobTheHeadLostIsReportedFailed() {
    Clusters.create(client, NS, "j6");
    Clusters.makeReady(client, NS, "j6");
    job("orphan", s -> s.setClusterRef("j6"));
    String jobId = jobIdOf("orphan");
    head().setJob(jobId, JobStatus.RUNNING, "");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> status("orphan").getJobStatus() == JobState.RUNNING);
    head().replaceHead();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(status("orphan").getJobStatus()).isEqualTo(JobState.FAILED);
              assertThat(status("orphan").getMessage()).contains("lost");
            });
  }

  @Test
  void jarsFromAConfigMapAreSentWithTheJobAndAMissingConfigMapIsReportedNotSubmitted() {
    Clusters.create(client, NS, "j7");
    Clusters.makeReady(client, NS, "j7");
    job(
        "withjars",
        s -> {
          s.setClusterRef("j7");
          s.setJarsFrom("driver-jars");
        });
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(status("withjars").getJobStatus()).isEqualTo(JobState.PENDING);
              assertThat(reason(get("withjars"), "Ready")).isEqualTo("JarsNotFound");
            });
    assertThat(submissions("withjars")).isEmpty();
    client
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName("driver-jars")
                .withNamespace(NS)
                .endMetadata()
                .addToBinaryData(
                    "app.jar", java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}))
                .addToBinaryData(
                    "README", java.util.Base64.getEncoder().encodeToString(new byte[] {9}))
                .build())
        .create();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () ->
                // Sent again only with the same id (the head runs it once).
                assertThat(submissions("withjars"))
                    .isNotEmpty()
                    .allSatisfy(
                        r -> {
                          assertThat(r.getSubmissionId())
                              .isEqualTo(Submissions.id(get("withjars"), 1));
                          assertThat(r.getJarsList())
                              .singleElement()
                              .satisfies(
                                  jar -> {
                                    assertThat(jar.getName()).isEqualTo("app.jar");
                                    assertThat(jar.getContent().toByteArray())
                                        .containsExactly(1, 2, 3);
                                  });
                        }));
  }

  @Test
  void deletingARunningJobStopsItsDriverOnTheHeadBeforeTheResourceGoes() {
    Clusters.create(client, NS, "j8");
    Clusters.makeReady(client, NS, "j8");
    job("doomed", s -> s.setClusterRef("j8"));
    String jobId = jobIdOf("doomed");
    head().setJob(jobId, JobStatus.RUNNING, "");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> status("doomed").getJobStatus() == JobState.RUNNING);

    client.resource(get("doomed")).delete();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(get("doomed")).isNull();
              assertThat(head().calls("StopJob"))
                  .extracting(c -> ((StopJobRequest) c.request()).getJobId())
                  .contains(jobId);
              assertThat(head().job(jobId).getStatus()).isEqualTo(JobStatus.STOPPED);
            });
  }

  @Test
  void aRunningJobWhoseHeadCannotBeReachedIsDeletedAnyway() {
    Clusters.create(client, NS, "j9");
    Clusters.makeReady(client, NS, "j9");
    job("stranded", s -> s.setClusterRef("j9"));
    String jobId = jobIdOf("stranded");
    head().setJob(jobId, JobStatus.RUNNING, "");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> status("stranded").getJobStatus() == JobState.RUNNING);
    client.resources(RustyCluster.class).inNamespace(NS).withName("j9").delete();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                client.resources(RustyCluster.class).inNamespace(NS).withName("j9").get() == null);

    client.resource(get("stranded")).delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> get("stranded") == null);
    assertThat(head().calls("StopJob"))
        .extracting(c -> ((StopJobRequest) c.request()).getJobId())
        .doesNotContain(jobId);
  }
}
