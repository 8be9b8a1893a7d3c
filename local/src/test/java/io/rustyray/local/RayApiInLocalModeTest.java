package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ActorInfo;
import io.rustyray.api.ActorState;
import io.rustyray.api.NodeInfo;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.local.examples.Wide;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The smaller parts of Ray's API in local mode, as the cluster gives them. */
class RayApiInLocalModeTest extends LocalModeTest {

  @Test
  void tasksAndActorCallsTakeUpToSixArguments() {
    ObjectRef<Integer> six = Rusty.put(6);
    assertThat(Rusty.task(Wide::sum6, 1, 2, 3, 4, 5, six).remote().get()).isEqualTo(21);
    assertThat(Rusty.task(Wide::check6, 1, 2, 3, 4, 5, 6).remote().get()).isNull();
    assertThat(
            Rusty.task(Wide::kinds, null, new int[] {1, 2}, List.of("a"), Map.of("k", 1))
                .remote()
                .get())
        .isEqualTo("null2[a]{k=1}");

    ActorHandle<Wide> actor = Rusty.actor(Wide::of6, 1, 1, 1, 1, 1, 1).remote();
    assertThat(actor.task(Wide::add6, 1, 1, 1, 1, 1, 1).remote().get()).isEqualTo(12);
    assertThat(actor.task(Wide::set6, 0, 0, 0, 0, 0, 1).remote().get()).isNull();
    assertThat(actor.task(Wide::base).remote().get()).isEqualTo(1);
  }

  @Test
  void getOfAPutTaskExceptionThrowsIt() {
    RustyTaskException thrown = new RustyTaskException("f()", "java.lang.Error", "m", "at x");
    ObjectRef<RustyTaskException> ref = Rusty.put(thrown);

    assertThatThrownBy(ref::get)
        .isInstanceOf(RustyTaskException.class)
        .hasMessage(thrown.getMessage());
  }

  @Test
  void resourceAmountsAboveOneMustBeWhole() {
    assertThatThrownBy(() -> Rusty.task(Wide::fail).setResource("cpu", 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole number");
  }

  @Test
  void getAllActorInfoAndNodeInfoDescribeTheLocalRuntime() {
    ActorHandle<Wide> alive = Rusty.actor(Wide::new).setName("w").remote();
    ActorHandle<Wide> killed = Rusty.actor(Wide::new).remote();
    alive.task(Wide::base).remote().get();
    killed.kill();

    String jobId = Rusty.getRuntimeContext().jobId();
    assertThat(Rusty.getAllActorInfo(jobId, ActorState.ALIVE))
        .extracting(ActorInfo::actorId, ActorInfo::name, ActorInfo::className)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(alive.getId(), "w", Wide.class.getName()));
    assertThat(Rusty.getAllActorInfo(null, ActorState.DEAD))
        .extracting(ActorInfo::actorId)
        .containsExactly(killed.getId());
    List<NodeInfo> nodes = Rusty.getAllNodeInfo();
    assertThat(nodes).hasSize(1);
    assertThat(nodes.get(0).alive()).isTrue();
    assertThat(nodes.get(0).nodeId()).isEqualTo(Rusty.getRuntimeContext().nodeId());
  }

  @Test
  void exitActorEndsTheActorForGoodAndItsCallersAreToldSo() {
    ActorHandle<Wide> actor = Rusty.actor(Wide::new).setMaxRestarts(3).remote();

    assertThatThrownBy(() -> actor.task(Wide::exit).remote().get())
        .isInstanceOf(ActorDiedException.class)
        .hasMessageContaining("exited itself");
    assertThatThrownBy(() -> actor.task(Wide::base).remote().get())
        .isInstanceOf(ActorDiedException.class)
        .hasMessageContaining("exited itself");
    assertThat(Rusty.getAllActorInfo().get(0).state()).isEqualTo(ActorState.DEAD);
  }

  @Test
  void aFreedObjectIsLostForGetsAndCallsAndFreeingTwiceIsHarmless() {
    ObjectRef<Integer> put = Rusty.put(41);
    ObjectRef<Integer> result = Rusty.task(Wide::sum6, 1, 1, 1, 1, 1, 1).remote();
    result.get();

    Rusty.free(List.of(put, result));
    Rusty.free(List.of(put));

    assertThatThrownBy(put::get)
        .isInstanceOf(ObjectLostException.class)
        .hasMessageContaining("was freed");
    assertThatThrownBy(result::get).isInstanceOf(ObjectLostException.class);
    assertThatThrownBy(() -> Rusty.task(Wide::sum6, put, 1, 1, 1, 1, 1).remote().get())
        .isInstanceOf(ObjectLostException.class);
  }

  @Test
  void exitActorOutsideAnActorSaysItNeedsOne() {
    assertThatThrownBy(Rusty::exitActor)
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("called outside any actor");
  }

  @Test
  void namedTasksAndCallsRunOnThreadsNamedAfterThemAndTheirErrorsNameThem() {
    assertThat(Rusty.task(Wide::threadName).setName("foo").remote().get()).contains("task:foo");
    assertThatThrownBy(() -> Rusty.task(Wide::fail).setName("bad").remote().get())
        .isInstanceOf(RustyTaskException.class)
        .hasMessageContaining("task 'bad'");
    ActorHandle<Wide> actor = Rusty.actor(Wide::new).remote();
    assertThat(actor.task(Wide::callThreadName).setName("bar").remote().get()).contains("task:bar");
  }
}
