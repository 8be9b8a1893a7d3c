package io.rustyray.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.rustyray.api.exception.ActorUnavailableException;
import io.rustyray.api.function.RustyFunc1;
import io.rustyray.api.options.ActorCallOptions;
import io.rustyray.protocol.codec.ValueCodec;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetActorReply;
import io.rustyray.protocol.proto.GetActorRequest;
import io.rustyray.protocol.proto.ListNodesReply;
import io.rustyray.protocol.proto.ListNodesRequest;
import io.rustyray.protocol.proto.PushActorTaskRequest;
import io.rustyray.protocol.proto.SkipActorCallsReply;
import io.rustyray.protocol.proto.SkipActorCallsRequest;
import io.rustyray.protocol.proto.TaskResult;
import io.rustyray.protocol.proto.WorkerServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caller's side of actor calls against a head and a worker faked on one loopback server: how it
 * retries a refused call, and how it tells the worker about a call lost on the wire.
 */
class ActorSubmitterTest {
  /** The actor class the calls name; nothing runs it here. */
  static final class Box {
    int get() {
      return 0;
    }
  }

  private static final ResolvedFunction GET =
      FunctionDescriptors.describe((RustyFunc1<Box, Integer>) Box::get);

  private final List<Long> resolvedAtNanos = new CopyOnWriteArrayList<>();
  private final List<PushActorTaskRequest> calls = new CopyOnWriteArrayList<>();
  private final List<SkipActorCallsRequest> skips = new CopyOnWriteArrayList<>();
  private volatile BiConsumer<PushActorTaskRequest, StreamObserver<TaskResult>> worker;
  private Server server;
  private HeadConnection head;
  private ActorSubmitter submitter;

  @AfterEach
  void stop() {
    if (head != null) {
      head.close();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Test
  void aCallRefusedByAFencedWorkerGoesAgainAfterAGrowingPause() throws Exception {
    AtomicInteger refusals = new AtomicInteger();
    start(
        (call, out) -> {
          if (refusals.getAndIncrement() < 4) {
            out.onError(Status.ABORTED.withDescription("fenced: node n1").asException());
          } else {
            reply(out, 7);
          }
        });

    ObjectValue value = submit().get(20, TimeUnit.SECONDS);

    assertThat((Integer) ValueCodec.decode(value.localBytes(), Integer.class)).isEqualTo(7);
    assertThat(resolvedAtNanos).as("the first look-up and one per refusal").hasSize(5);
    List<Long> pausesMs = new ArrayList<>();
    for (int i = 1; i < resolvedAtNanos.size(); i++) {
      pausesMs.add((resolvedAtNanos.get(i) - resolvedAtNanos.get(i - 1)) / 1_000_000);
    }
    assertThat(pausesMs.get(0)).isGreaterThanOrEqualTo(90);
    assertThat(pausesMs.get(1)).isGreaterThanOrEqualTo(190);
    assertThat(pausesMs.get(2)).isGreaterThanOrEqualTo(390);
    assertThat(pausesMs.get(3)).isGreaterThanOrEqualTo(790);
    assertThat(calls)
        .as("it goes again under its own number, so it keeps its place among the caller's calls")
        .extracting(PushActorTaskRequest::getSequence)
        .containsOnly(0L);
  }

  @Test
  void aCallLostOnTheWireIsSkippedSoTheNextOneRuns() throws Exception {
    // Call 0 never reaches the actor; call 1 waits for it there, as a worker does, until skipped.
    CompletableFuture<StreamObserver<TaskResult>> waiting = new CompletableFuture<>();
    start(
        (call, out) -> {
          if (call.getSequence() == 0) {
            out.onError(Status.UNAVAILABLE.withDescription("connection reset").asException());
          } else {
            waiting.complete(out);
          }
        });

    CompletableFuture<ObjectValue> first = submit();
    CompletableFuture<ObjectValue> second = submit();

    assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ActorUnavailableException.class);
    StreamObserver<TaskResult> out = waiting.get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (skips.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(skips).hasSize(1);
    assertThat(skips.get(0).getClientProcessedUpTo()).isZero();
    assertThat(skips.get(0).getCallerId()).isEqualTo("caller-1");
    reply(out, 2);
    assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void eachCallSaysUpToWhichCallTheCallerHasAnOutcome() throws Exception {
    start((call, out) -> reply(out, 1));

    submit().get(10, TimeUnit.SECONDS);
    submit().get(10, TimeUnit.SECONDS);

    assertThat(calls)
        .extracting(PushActorTaskRequest::getClientProcessedUpTo)
        .containsExactly(-1L, 0L);
    assertThat(skips).as("nothing was lost").isEmpty();
  }

  private CompletableFuture<ObjectValue> submit() {
    return submitter.submit(
        GET, CompletableFuture.completedFuture(List.of()), ActorCallOptions.DEFAULT, 0);
  }

  private void start(BiConsumer<PushActorTaskRequest, StreamObserver<TaskResult>> behaviour)
      throws IOException {
    worker = behaviour;
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new FakeHead())
            .addService(new FakeWorker())
            .build()
            .start();
    head = new HeadConnection(address(), "");
    submitter = new ActorSubmitter("actor-1", head, "caller-1");
  }

  private String address() {
    return "127.0.0.1:" + server.getPort();
  }

  private static void reply(StreamObserver<TaskResult> out, int value) {
    out.onNext(
        TaskResult.newBuilder().setValue(ByteString.copyFrom(ValueCodec.encode(value))).build());
    out.onCompleted();
  }

  private final class FakeHead extends GcsServiceGrpc.GcsServiceImplBase {
    @Override
    public void listNodes(ListNodesRequest request, StreamObserver<ListNodesReply> out) {
      out.onNext(ListNodesReply.getDefaultInstance());
      out.onCompleted();
    }

    @Override
    public void getActor(GetActorRequest request, StreamObserver<GetActorReply> out) {
      if (request.getWaitSettledMs() > 0) {
        resolvedAtNanos.add(System.nanoTime());
      }
      out.onNext(
          GetActorReply.newBuilder()
              .setFound(true)
              .setActor(
                  ActorInfo.newBuilder()
                      .setActorId(request.getActorId())
                      .setState(ActorState.ALIVE)
                      .setWorkerAddress(address()))
              .build());
      out.onCompleted();
    }
  }

  private final class FakeWorker extends WorkerServiceGrpc.WorkerServiceImplBase {
    @Override
    public void pushActorTask(PushActorTaskRequest request, StreamObserver<TaskResult> out) {
      calls.add(request);
      worker.accept(request, out);
    }

    @Override
    public void skipActorCalls(
        SkipActorCallsRequest request, StreamObserver<SkipActorCallsReply> out) {
      skips.add(request);
      out.onNext(SkipActorCallsReply.getDefaultInstance());
      out.onCompleted();
    }
  }
}
