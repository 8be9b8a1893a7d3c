package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.proto.AttachDriverEvent;
import io.rustyray.protocol.proto.AttachDriverRequest;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.ListNodesRequest;
import io.rustyray.protocol.transport.Channels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that froze (SIGSTOP: its sockets stay open, nothing answers) is noticed within a bound: a
 * unary call by its deadline, a stream without one by the channels' keepalive pings.
 */
class FrozenPeerIT {
  private static final String TOKEN = "frozen-token";

  private Process peer;

  @AfterEach
  void killPeer() throws Exception {
    if (peer != null) {
      // SIGKILL ends a stopped process too.
      peer.destroyForcibly().waitFor();
    }
  }

  @Test
  void callsToAFrozenPeerFailWithinTheirBound() throws Exception {
    String address = "127.0.0.1:" + startPeer();
    try (Channels channels = new Channels(TOKEN)) {
      GcsServiceGrpc.GcsServiceBlockingStub unary =
          GcsServiceGrpc.newBlockingStub(channels.get(address));
      unary
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .listNodes(ListNodesRequest.getDefaultInstance());
      CompletableFuture<Status> streamEnded = new CompletableFuture<>();
      GcsServiceGrpc.newStub(channels.get(address))
          .attachDriver(
              AttachDriverRequest.newBuilder().setOwnerId("frozen-test").build(),
              new StreamObserver<AttachDriverEvent>() {
                @Override
                public void onNext(AttachDriverEvent event) {}

                @Override
                public void onError(Throwable t) {
                  streamEnded.complete(Status.fromThrowable(t));
                }

                @Override
                public void onCompleted() {
                  streamEnded.complete(Status.OK);
                }
              });

      signal("STOP");
      long frozenAt = System.nanoTime();

      assertThatThrownBy(
              () ->
                  unary
                      .withDeadlineAfter(2, TimeUnit.SECONDS)
                      .listNodes(ListNodesRequest.getDefaultInstance()))
          .isInstanceOf(StatusRuntimeException.class)
          .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
          .isIn(Status.Code.DEADLINE_EXCEEDED, Status.Code.UNAVAILABLE);
      long bound = Channels.KEEPALIVE_TIME_SECONDS + Channels.KEEPALIVE_TIMEOUT_SECONDS + 10;
      Status ended = streamEnded.get(bound, TimeUnit.SECONDS);
      assertThat(ended.getCode())
          .as("the stream broke after %d ms", (System.nanoTime() - frozenAt) / 1_000_000)
          .isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  private int startPeer() throws Exception {
    peer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                PeerToFreeze.class.getName(),
                TOKEN)
            .redirectErrorStream(true)
            .start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.startsWith("port ")) {
        return Integer.parseInt(line.substring(5).trim());
      }
    }
    throw new AssertionError("the peer ended before it served");
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(peer.pid())).start();
    assertThat(kill.waitFor()).isZero();
  }
}
