package io.rustyray.runtime.it;

import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.proto.AttachDriverEvent;
import io.rustyray.protocol.proto.AttachDriverRequest;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.ListNodesReply;
import io.rustyray.protocol.proto.ListNodesRequest;
import io.rustyray.runtime.server.RuntimeServer;

/**
 * A process with the runtime's gRPC server that answers {@code ListNodes} and holds every {@code
 * AttachDriver} stream open, for a test to freeze with SIGSTOP. Prints "port N" once it serves.
 */
public final class PeerToFreeze {
  private PeerToFreeze() {}

  public static void main(String[] args) throws Exception {
    RuntimeServer server = new RuntimeServer("127.0.0.1", 0, args[0]);
    server.add(
        new GcsServiceGrpc.GcsServiceImplBase() {
          @Override
          public void listNodes(ListNodesRequest request, StreamObserver<ListNodesReply> out) {
            out.onNext(ListNodesReply.getDefaultInstance());
            out.onCompleted();
          }

          @Override
          public void attachDriver(
              AttachDriverRequest request, StreamObserver<AttachDriverEvent> out) {}
        });
    System.out.println("port " + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
