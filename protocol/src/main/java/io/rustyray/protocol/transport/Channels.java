package io.rustyray.protocol.transport;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/** One plaintext channel per peer address, carrying the cluster token. */
public final class Channels implements AutoCloseable {
  /** Objects move in chunks well below this; it only bounds a single message. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  /** Large enough that a bulk object transfer is not throttled by HTTP/2 flow control. */
  public static final int FLOW_CONTROL_WINDOW_BYTES = 16 * 1024 * 1024;

  private final String token;
  private final ConcurrentMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  public Channels(String token) {
    this.token = token;
  }

  /**
   * @param address {@code host:port}
   * @return the shared channel to that address
   */
  public ManagedChannel get(String address) {
    return channels.computeIfAbsent(address, this::open);
  }

  /**
   * Drops the channel to a peer that is gone, failing the calls in flight to it.
   *
   * @param address {@code host:port}
   */
  public void forget(String address) {
    ManagedChannel channel = channels.remove(address);
    if (channel != null) {
      channel.shutdownNow();
    }
  }

  private ManagedChannel open(String address) {
    return NettyChannelBuilder.forTarget(address)
        .usePlaintext()
        // Callbacks only complete futures and start further calls; they never block.
        .directExecutor()
        .intercept(TokenAuth.client(token))
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .flowControlWindow(FLOW_CONTROL_WINDOW_BYTES)
        .keepAliveTime(10, TimeUnit.SECONDS)
        .keepAliveTimeout(5, TimeUnit.SECONDS)
        .build();
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    channels.clear();
  }
}
