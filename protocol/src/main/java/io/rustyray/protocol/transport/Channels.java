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

  /** How often a channel pings its peer; servers must permit pings at least this often. */
  public static final long KEEPALIVE_TIME_SECONDS = 10;

  /** How long a ping may go unanswered before the connection counts as dead. */
  public static final long KEEPALIVE_TIMEOUT_SECONDS = 5;

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
        // Long streams and actor calls carry no deadline: pings are what notice a peer that died
        // or froze (SIGSTOP, a cut network) within ~15 s. Idle channels ping too, so that the
        // next call does not go out on a connection that is already dead. The runtime's servers
        // permit this rate (RuntimeServer.permitKeepAliveTime); a server that did not would
        // answer with GOAWAY too_many_pings.
        .keepAliveTime(KEEPALIVE_TIME_SECONDS, TimeUnit.SECONDS)
        .keepAliveTimeout(KEEPALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true)
        .build();
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    channels.clear();
  }
}
