package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs submitted with {@code rustyray job}: driver JVMs that the head runs and follows. */
class JobsIT {
  private static final String TOKEN = "jobs-token-" + System.nanoTime();
  private static final Pattern JOB_ID = Pattern.compile("Job (job-[0-9a-f]+) submitted");
  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.startHead(TOKEN, "--resources", "{\"cpu\": 1}");
    cluster.startWorker("job-worker", "{\"cpu\": 2}");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static LocalCluster.CliResult rustyray(String... args) throws Exception {
    return cluster.cli(Map.of(), args);
  }

  private static String jobId(LocalCluster.CliResult submitted) {
    Matcher m = JOB_ID.matcher(submitted.stdout());
    assertThat(m.find()).as(submitted.stdout() + submitted.stderr()).isTrue();
    return m.group(1);
  }

  @Test
  void piExampleSubmittedAsAJobSucceedsWithItsOutputInTheLogs() throws Exception {
    LocalCluster.CliResult submitted =
        rustyray("job", "submit", "--", "io.rustyray.examples.Pi", "40");

    assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();
    assertThat(submitted.stdout()).contains("Pi is roughly 3.1").contains(": SUCCEEDED");
    String jobId = jobId(submitted);
    assertThat(rustyray("job", "logs", jobId).stdout()).contains("Pi is roughly 3.1");
    assertThat(rustyray("job", "status", jobId).stdout())
        .contains("SUCCEEDED")
        .contains("started:")
        .contains("ended:");
    assertThat(rustyray("job", "list").stdout()).containsPattern(jobId + "\\s+SUCCEEDED");
  }

  @Test
  void theStateStreamPushesEveryJobChangeAndANewSubscriberGetsTheJobsSoFar() throws Exception {
    var live = cluster.watchJobs();

    LocalCluster.CliResult submitted =
        rustyray("job", "submit", "--", "io.rustyray.examples.Pi", "10");
    assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();
    String jobId = jobId(submitted);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        live.stream()
                            .filter(c -> !c.getSnapshot())
                            .map(c -> c.getJob())
                            .filter(j -> j.getJobId().equals(jobId))
                            .map(j -> j.getStatus()))
                    .containsSubsequence(JobStatus.RUNNING, JobStatus.SUCCEEDED));
    var ended =
        live.stream()
            .map(c -> c.getJob())
            .filter(j -> j.getJobId().equals(jobId) && j.getStatus() == JobStatus.SUCCEEDED)
            .findFirst()
            .orElseThrow();
    assertThat(ended.getStartTimeMs()).isPositive();
    assertThat(ended.getEndTimeMs()).isGreaterThanOrEqualTo(ended.getStartTimeMs());

    var later = cluster.watchJobs();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(later)
                    .anySatisfy(
                        c -> {
                          assertThat(c.getSnapshot()).isTrue();
                          assertThat(c.getJob().getJobId()).isEqualTo(jobId);
                          assertThat(c.getJob().getStatus()).isEqualTo(JobStatus.SUCCEEDED);
                        }));
  }

  @Test
  void jobThatThrowsFailsWithTheExceptionInItsMessage() throws Exception {
    Path jar =
        JobJars.build(
            "boom",
            Map.of(
                "demo.Boom",
                """
                package demo;
                public class Boom {
                  public static void main(String[] args) {
                    throw new IllegalStateException("kaboom: " + args[0]);
                  }
                }
                """));

    LocalCluster.CliResult submitted =
        rustyray("job", "submit", "--jar", jar.toString(), "--", "demo.Boom", "the end");

    assertThat(submitted.exitCode()).isEqualTo(1);
    String status = rustyray("job", "status", jobId(submitted)).stdout();
    assertThat(status)
        .contains("FAILED")
        .contains("exit code 1")
        .contains("java.lang.IllegalStateException: kaboom: the end");
  }

  @Test
  void jobStopEndsARunningJobAsStoppedAndItsJvmIsGone() throws Exception {
    Path jar = sleepyJar();
    String jobId =
        jobId(rustyray("job", "submit", "--no-wait", "--jar", jar.toString(), "--", "demo.Sleepy"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> rustyray("job", "logs", jobId).stdout().contains("sleeping"));

    LocalCluster.CliResult stopped = rustyray("job", "stop", jobId);

    assertThat(stopped.stdout()).contains(jobId + ": STOPPED");
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(jobId)))
        .as("the driver JVM of the job")
        .isEmpty();
  }

  @Test
  void aRunningJobsDriverEndsWhenItsHeadIsKilled() throws Exception {
    Path jar = sleepyJar();
    try (LocalCluster own = LocalCluster.withoutHead(TOKEN)) {
      Process head = own.startHeadAt("127.0.0.1", "--no-node-agent");
      LocalCluster.CliResult submitted =
          own.cli(
              Map.of(), "job", "submit", "--no-wait", "--jar", jar.toString(), "--", "demo.Sleepy");
      String jobId = jobId(submitted);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> own.cli(Map.of(), "job", "logs", jobId).stdout().contains("sleeping"));

      head.destroyForcibly().waitFor();

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          ProcessHandle.allProcesses()
                              .filter(p -> p.info().commandLine().orElse("").contains(jobId)))
                      .as("the driver JVM of the job")
                      .isEmpty());
    }
  }

  private static Path sleepyJar() throws Exception {
    return JobJars.build(
        "sleepy",
        Map.of(
            "demo.Sleepy",
            """
            package demo;
            public class Sleepy {
              public static void main(String[] args) throws Exception {
                System.out.println("sleeping");
                Thread.sleep(600_000);
              }
            }
            """));
  }

  @Test
  void jobsRunTheirTasksWithTheirOwnClassesAndNeverSeeEachOthers() throws Exception {
    String greeter =
        """
        package demo;
        public class Greeter {
          public static String greet(String who) {
            return "%s says hello to " + who + " from " + io.rustyray.api.Rusty.getRuntimeContext().nodeId();
          }
        }
        """;
    String main =
        """
        package demo;
        import io.rustyray.api.Rusty;
        public class Main {
          public static void main(String[] args) {
            Rusty.init();
            System.out.println(Rusty.task(Greeter::greet, "you").setResource("cpu", 1).remote().get());
            Rusty.shutdown();
          }
        }
        """;
    Path jarA =
        JobJars.build("a", Map.of("demo.Greeter", greeter.formatted("A"), "demo.Main", main));
    Path jarB =
        JobJars.build("b", Map.of("demo.Greeter", greeter.formatted("B"), "demo.Main", main));

    LocalCluster.CliResult a =
        rustyray("job", "submit", "--jar", jarA.toString(), "--", "demo.Main");
    LocalCluster.CliResult b =
        rustyray("job", "submit", "--jar", jarB.toString(), "--", "demo.Main");

    assertThat(a.stdout()).contains("A says hello to you from").doesNotContain("B says");
    assertThat(b.stdout()).contains("B says hello to you from").doesNotContain("A says");
  }

  @Test
  void jobsNonDetachedActorsEndWithItButDetachedOnesStay() throws Exception {
    Path jar =
        JobJars.build(
            "actors",
            Map.of(
                "demo.Actors",
                """
                package demo;
                import io.rustyray.api.ActorHandle;
                import io.rustyray.api.Rusty;
                import io.rustyray.examples.Counter;
                public class Actors {
                  public static void main(String[] args) {
                    Rusty.init();
                    ActorHandle<Counter> mine = Rusty.actor(Counter::new, 0).remote();
                    ActorHandle<Counter> kept =
                        Rusty.actor(Counter::new, 0).setName("kept-by-job").setDetached(true).remote();
                    mine.task(Counter::increment).remote().get();
                    kept.task(Counter::increment).remote().get();
                    System.out.println("mine " + mine.getId());
                    System.out.println("kept " + kept.getId());
                  }
                }
                """));

    LocalCluster.CliResult done =
        rustyray("job", "submit", "--jar", jar.toString(), "--", "demo.Actors");

    assertThat(done.exitCode()).as(done.stdout()).isZero();
    String mine = done.stdout().replaceAll("(?s).*mine (actor-[0-9a-f-]+).*", "$1");
    String kept = done.stdout().replaceAll("(?s).*kept (actor-[0-9a-f-]+).*", "$1");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(cluster.actor(mine).orElseThrow().getState()).isEqualTo(ActorState.DEAD);
              assertThat(cluster.actor(kept).orElseThrow().getState()).isEqualTo(ActorState.ALIVE);
            });
  }
}
