package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.examples.Counter;
import io.rustyray.protocol.namespace.Namespaces;
import io.rustyray.runtime.it.nsprobe.NamespaceProbe;
import io.rustyray.runtime.it.nsprobe.NamespaceProbeActor;
import io.rustyray.runtime.it.probe.JobThatWaits;
import io.rustyray.runtime.it.probe.Probe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Namespaces as Ray's NamespaceTest, AnonymousNamespaceTest and NamedActorTest assert them, on a
 * head with a node agent of its own: drivers are this JVM's ClusterRuntimes (one at a time, each
 * with a job of its own), {@code rustyray driver} processes and submitted jobs.
 */
class NamespacesIT {
  private static final String TOKEN = "namespaces-token-" + System.nanoTime();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern JOB_ID = Pattern.compile("Job (job-[0-9a-f]+) submitted");
  private static final String COUNTER_CLIENT = "io.rustyray.examples.CounterClient";

  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.startHead(TOKEN, "--resources", "{\"cpu\": 4}");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void disconnect() {
    if (Rusty.isInitialized()) {
      Rusty.shutdown();
    }
  }

  /** Connects this JVM as a new driver (a job of its own) in {@code namespace}, or anonymous. */
  private static void connect(String namespace) {
    String jobId = "driver-ns-" + UUID.randomUUID().toString().substring(0, 8);
    Rusty.init(new ClusterRuntime(cluster.address(), TOKEN, jobId, "", namespace));
  }

  private static ActorHandle<Counter> detachedCounter(String name, int start) {
    return Rusty.actor(Counter::new, start).setName(name).setDetached(true).remote();
  }

  private static String jobId(LocalCluster.CliResult submitted) {
    Matcher m = JOB_ID.matcher(submitted.stdout());
    assertThat(m.find()).as(submitted.stdout() + submitted.stderr()).isTrue();
    return m.group(1);
  }

  @Test
  void driversInTwoNamespacesEachHaveALiveActorOfTheSameName() {
    connect("team-x");
    ActorHandle<Counter> inX = detachedCounter("a", 100);
    assertThat(Rusty.getNamespace()).isEqualTo("team-x");
    Rusty.shutdown();

    connect("team-y");
    ActorHandle<Counter> inY = detachedCounter("a", 200);

    assertThat(inY.getId()).isNotEqualTo(inX.getId());
    assertThat(Rusty.<Counter>getActor("a").orElseThrow().task(Counter::get).remote().get())
        .as("getActor looks in the caller's namespace")
        .isEqualTo(200);
    assertThat(
            Rusty.<Counter>getActor("a", "team-x").orElseThrow().task(Counter::get).remote().get())
        .as("getActor(name, namespace) looks in another")
        .isEqualTo(100);
    assertThat(Rusty.getActor("a", "team-z")).isEmpty();
    assertThat(cluster.actor(inX.getId()).orElseThrow().getNamespace()).isEqualTo("team-x");
    assertThat(cluster.actor(inY.getId()).orElseThrow().getNamespace()).isEqualTo("team-y");
    inX.kill();
    inY.kill();
  }

  @Test
  void aNameTakenInANamespaceIsRefusedThereNamingTheNamespace() {
    connect("team-clash");
    ActorHandle<Counter> first = detachedCounter("only-one", 0);

    assertThatThrownBy(() -> detachedCounter("only-one", 1))
        .isInstanceOfSatisfying(
            RustyCallException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("ALREADY_EXISTS");
              assertThat(e.getDescription())
                  .startsWith(
                      "an actor named 'only-one' already exists in namespace 'team-clash' ("
                          + first.getId());
            });
    first.kill();
  }

  @Test
  void driversWithoutANamespaceEachRunInAnAnonymousOneOfTheirOwn() {
    connect("");
    String firstNamespace = Rusty.getNamespace();
    ActorHandle<Counter> created = detachedCounter("anonymous-a", 1);
    assertThat(Rusty.getActor("anonymous-a")).isPresent();
    Rusty.shutdown();

    connect("");

    assertThat(firstNamespace).startsWith(Namespaces.ANONYMOUS_PREFIX);
    assertThat(Rusty.getNamespace())
        .startsWith(Namespaces.ANONYMOUS_PREFIX)
        .isNotEqualTo(firstNamespace);
    assertThat(Rusty.getActor("anonymous-a"))
        .as("another driver's anonymous namespace is not this one's")
        .isEmpty();
    assertThat(Rusty.getActor("anonymous-a", firstNamespace)).isPresent();
    created.kill();
  }

  @Test
  void aDetachedActorIsFoundByALaterDriverInItsNamespaceOnly() throws Exception {
    LocalCluster.CliResult first =
        cluster.cli(
            Map.of(), "driver", "--namespace", "shared-ns", COUNTER_CLIENT, "shared-counter", "1");
    assertThat(first.stdout()).as(first.stderr()).contains("Counter shared-counter is now 1");

    LocalCluster.CliResult later =
        cluster.cli(
            Map.of(), "driver", "--namespace", "shared-ns", COUNTER_CLIENT, "shared-counter", "1");
    assertThat(later.stdout())
        .as("a later driver in the same namespace")
        .contains("Counter shared-counter is now 2");

    connect("");
    assertThat(Rusty.getActor("shared-counter")).as("a driver in an anonymous namespace").isEmpty();
    ActorHandle<Counter> shared =
        Rusty.<Counter>getActor("shared-counter", "shared-ns").orElseThrow();
    assertThat(shared.task(Counter::get).remote().get()).isEqualTo(2);
    assertThat(cluster.cli(Map.of(), "status").stdout())
        .containsPattern("shared-ns\\s+shared-counter\\s+" + shared.getId() + "\\s+ALIVE");
    shared.kill();
  }

  @Test
  void aSubmittedJobsDriverRunsInTheNamespaceItWasSubmittedTo() throws Exception {
    LocalCluster.CliResult submitted =
        cluster.cli(
            Map.of(),
            "job",
            "submit",
            "--namespace",
            "jobs-ns",
            "--",
            COUNTER_CLIENT,
            "job-counter",
            "3");
    assertThat(submitted.stdout())
        .as(submitted.stderr())
        .contains("Counter job-counter is now 3")
        .contains(": SUCCEEDED");

    connect("jobs-ns");
    ActorHandle<Counter> counter = Rusty.<Counter>getActor("job-counter").orElseThrow();
    assertThat(counter.task(Counter::get).remote().get()).isEqualTo(3);
    assertThat(Rusty.getActor("job-counter", Namespaces.DEFAULT)).isEmpty();
    counter.kill();
  }

  @Test
  void tasksAndActorsRunInTheirDriversNamespaceHoweverNested() throws Exception {
    Path probes = JobJars.pack("nsprobe", NamespaceProbe.class);
    Path waits = JobJars.pack("probe", Probe.class);
    String jobId =
        jobId(
            cluster.cli(
                Map.of(),
                "job",
                "submit",
                "--namespace",
                "probe-ns",
                "--jar",
                probes.toString(),
                "--jar",
                waits.toString(),
                "--no-wait",
                "--",
                JobThatWaits.class.getName()));
    try {
      // This JVM calls in as the job's driver does, so that the job's workers load its jars.
      Rusty.init(new ClusterRuntime(cluster.address(), TOKEN, jobId, "", "probe-ns"));
      ActorHandle<NamespaceProbeActor> actor =
          Rusty.actor(NamespaceProbeActor::new).setName("probe-actor").remote();

      assertThat(Rusty.getNamespace()).isEqualTo("probe-ns");
      assertThat(Rusty.getRuntimeContext().namespace()).isEqualTo("probe-ns");
      assertThat(Rusty.task(NamespaceProbe::namespace).remote().get(TIMEOUT)).isEqualTo("probe-ns");
      assertThat(Rusty.task(NamespaceProbe::namespaceOfANestedTask).remote().get(TIMEOUT))
          .isEqualTo("probe-ns");
      assertThat(actor.task(NamespaceProbeActor::namespace).remote().get(TIMEOUT))
          .isEqualTo("probe-ns");
      assertThat(actor.task(NamespaceProbeActor::contextNamespace).remote().get(TIMEOUT))
          .isEqualTo("probe-ns");
      assertThat(actor.task(NamespaceProbeActor::namespaceOfATaskItStarts).remote().get(TIMEOUT))
          .isEqualTo("probe-ns");
      assertThat(Rusty.task(NamespaceProbe::findsActor, "probe-actor").remote().get(TIMEOUT))
          .as("a task finds its driver's named actor")
          .isTrue();

      String madeInTask =
          Rusty.task(NamespaceProbe::createsNamedCounter, "made-in-task").remote().get(TIMEOUT);
      assertThat(Rusty.<Counter>getActor("made-in-task").orElseThrow().getId())
          .as("the driver finds the named actor its task created")
          .isEqualTo(madeInTask);
      assertThat(cluster.actor(madeInTask).orElseThrow().getNamespace()).isEqualTo("probe-ns");
      Rusty.<Counter>getActor("made-in-task").orElseThrow().kill();
      actor.kill();
    } finally {
      cluster.cli(Map.of(), "job", "stop", jobId);
    }
  }

  @Test
  void anInvalidNamespaceIsRefusedWithAClearError() throws Exception {
    assertThatThrownBy(() -> connect("two words"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a namespace cannot contain spaces or control characters; got 'two words'");

    connect("fine");
    assertThatThrownBy(() -> Rusty.getActor("a", "two words"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 'two words'");

    LocalCluster.CliResult refused =
        cluster.cli(Map.of(), "job", "submit", "--namespace", "two words", "--", COUNTER_CLIENT);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr())
        .contains(
            "--namespace: a namespace cannot contain spaces or control characters; got 'two"
                + " words'");
  }
}
