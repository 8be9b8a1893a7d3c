package io.rustyray.runtime.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.util.MutableHandlerRegistry;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.protocol.transport.TokenAuth;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server of a runtime process, built from the start command's own options rather than
 * Quarkus configuration, so that many processes share one machine. Services are added after the
 * port is bound, because a node must know its address before it can serve.
 */
public final class RuntimeServer implements AutoCloseable {
  private final MutableHandlerRegistry registry = new MutableHandlerRegistry();
  private final String token;
  private final Server server;

  /**
   * Binds and starts serving.
   *
   * @param host the address to bind
   * @param port the port, or 0 for any free port
   * @param token the cluster token every call must carry; empty for none
   * @throws IOException when the port cannot be bound
   */
  public RuntimeServer(String host, int port, String token) throws IOException {
    this.token = token;
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .fallbackHandlerRegistry(registry)
            // Handlers never block (they hand work to pools), so they run on the event loop.
            .directExecutor()
            .flowControlWindow(Channels.FLOW_CONTROL_WINDOW_BYTES)
            .maxInboundMessageSize(Channels.MAX_MESSAGE_BYTES)
            // Below the clients' ping interval (Channels.KEEPALIVE_TIME_SECONDS), so their pings
            // are never taken for abuse.
            .permitKeepAliveTime(Channels.KEEPALIVE_TIME_SECONDS / 2, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            .build()
            .start();
  }

  public int port() {
    return server.getPort();
  }

  /** Serves {@code service}, behind the token check. */
  public void add(BindableService service) {
    registry.addService(ServerInterceptors.intercept(service, TokenAuth.server(token)));
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow();
    }
  }
}
