package io.rustyray.runtime.gcs;

import static io.rustyray.protocol.proto.ActorState.ALIVE;
import static io.rustyray.protocol.proto.ActorState.DEAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.AttachDriverEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the head reaps a client process (frees its objects, ends its non-detached actors): at once
 * when it detaches, and only after the re-attach grace when its stream merely broke.
 */
class DriverAttachmentsTest {
  private static final Map<String, Double> ONE_CPU = Map.of("cpu", 1.0);
  private static final Duration GRACE = GcsSettings.DEFAULT_DRIVER_REATTACH_GRACE;
  private static final String OWNER = "driver-1";
  private static final String JOB = "job-1";

  private final TestingHead head = new TestingHead();
  private String actorId;

  @BeforeEach
  void driverWithAnActor() {
    head.nodeJoins("a", Map.of("cpu", 2.0));
    ActorSpec owned =
        TestingHead.actor(ONE_CPU, 0).toBuilder()
            .setDetached(false)
            .setOwnerId(OWNER)
            .setJobId(JOB)
            .build();
    actorId = head.createActor(owned).getActorId();
    assertThat(head.actor(actorId).getState()).isEqualTo(ALIVE);
  }

  @AfterEach
  void stopHead() {
    head.close();
  }

  @Test
  void aDriverThatReattachesWithinTheGraceKeepsItsActors() {
    RecordingStream<AttachDriverEvent> first = head.driverAttaches(OWNER, JOB);

    first.cancel();
    head.timePasses(GRACE.dividedBy(2));
    head.driverAttaches(OWNER, JOB);
    head.timePasses(GRACE.multipliedBy(2));

    assertThat(head.actor(actorId).getState()).isEqualTo(ALIVE);
  }

  @Test
  void aDriverWhoseStreamBrokeIsReapedOnlyAfterTheGrace() {
    RecordingStream<AttachDriverEvent> stream = head.driverAttaches(OWNER, JOB);

    stream.cancel();
    head.timePasses(GRACE.minusSeconds(1));
    assertThat(head.actor(actorId).getState()).as("within the grace").isEqualTo(ALIVE);
    head.timePasses(Duration.ofSeconds(2));

    ActorInfo actor = head.actor(actorId);
    assertThat(actor.getState()).isEqualTo(DEAD);
    assertThat(actor.getDeathCause()).contains("its owner " + OWNER).contains("exited");
  }

  @Test
  void aDriverThatDetachesIsReapedAtOnce() {
    RecordingStream<AttachDriverEvent> stream = head.driverAttaches(OWNER, JOB);

    head.driverDetaches(OWNER, JOB);
    stream.cancel();

    assertThat(head.actor(actorId).getState()).isEqualTo(DEAD);
  }

  @Test
  void aStreamThatBreaksAgainAfterAReattachGetsAFreshGrace() {
    RecordingStream<AttachDriverEvent> first = head.driverAttaches(OWNER, JOB);
    first.cancel();
    head.timePasses(GRACE.minusSeconds(2));
    RecordingStream<AttachDriverEvent> second = head.driverAttaches(OWNER, JOB);

    second.cancel();
    head.timePasses(Duration.ofSeconds(4));
    assertThat(head.actor(actorId).getState())
        .as("the first break's grace is over, but it was answered by the re-attach")
        .isEqualTo(ALIVE);
    head.timePasses(GRACE);

    assertThat(head.actor(actorId).getState()).isEqualTo(DEAD);
  }

  @Test
  void anOwnerRecoveredWithoutAStreamIsReapedUnlessItAttachesWithinTheGrace() {
    TestingClock clock = new TestingClock();
    List<String> reaped = new ArrayList<>();
    DriverAttachments drivers =
        new DriverAttachments(clock, GRACE, (owner, job, worker) -> reaped.add(owner));

    drivers.awaitReattach("back", JOB, false);
    drivers.awaitReattach("gone", JOB, false);
    drivers.attached("back", JOB, false);
    clock.advance(GRACE.plusSeconds(1));

    assertThat(reaped).containsExactly("gone");
  }

  @Test
  void aDetachWhileTwoStreamsAreOpenReapsOnceOnly() {
    TestingClock clock = new TestingClock();
    List<String> reaped = new ArrayList<>();
    DriverAttachments drivers =
        new DriverAttachments(clock, GRACE, (owner, job, worker) -> reaped.add(owner));
    drivers.attached(OWNER, JOB, false);
    drivers.attached(OWNER, JOB, false);

    drivers.detached(OWNER, JOB, false);
    drivers.detached(OWNER, JOB, false);
    drivers.streamEnded(OWNER);
    drivers.streamEnded(OWNER);
    clock.advance(GRACE.multipliedBy(2));

    assertThat(reaped).containsExactly(OWNER);
  }
}
