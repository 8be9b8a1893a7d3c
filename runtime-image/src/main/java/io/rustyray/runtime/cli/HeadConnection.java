package io.rustyray.runtime.cli;

import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.transport.Channels;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The head a client command talks to, and the token it uses. */
public class HeadConnection {
  @Option(
      names = "--address",
      required = true,
      defaultValue = "${env:RUSTYRAY_ADDRESS}",
      description = "The head's host:port (default: $RUSTYRAY_ADDRESS).")
  String address;

  @Mixin ClusterOptions cluster;

  Channels channels() {
    return new Channels(cluster.token());
  }

  GcsServiceGrpc.GcsServiceBlockingStub blocking(Channels channels) {
    return GcsServiceGrpc.newBlockingStub(channels.get(address));
  }
}
