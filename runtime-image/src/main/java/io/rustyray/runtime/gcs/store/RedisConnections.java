package io.rustyray.runtime.gcs.store;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * The idle connections of one {@link RedisStore}, reused while they work and dropped when one
 * fails.
 *
 * <p>Not Jedis's own pool: since commons-pool2 2.13 it opens the replacement of a broken connection
 * inline, in the failing call, which doubles the time a write to a hung server takes to fail.
 */
final class RedisConnections implements AutoCloseable {
  private static final int MAX_IDLE = 8;

  private final HostAndPort address;
  private final JedisClientConfig config;
  private final Deque<Jedis> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  RedisConnections(HostAndPort address, JedisClientConfig config) {
    this.address = address;
    this.config = config;
  }

  /**
   * Runs {@code command} on an idle connection or a new one (which connects and logs in first).
   *
   * @throws redis.clients.jedis.exceptions.JedisException as the command or the connecting threw
   *     it; the connection is then closed, not kept
   */
  <T> T run(Function<Jedis, T> command) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    Jedis jedis = idle.pollFirst();
    if (jedis == null) {
      jedis = new Jedis(address, config);
    }
    boolean healthy = false;
    try {
      T result = command.apply(jedis);
      healthy = true;
      return result;
    } finally {
      if (healthy && !closed && idle.size() < MAX_IDLE) {
        idle.offerFirst(jedis);
      } else {
        jedis.close();
      }
    }
  }

  /** Closes the idle connections, which may all predate a restart of the server. */
  void dropIdle() {
    for (Jedis jedis = idle.pollFirst(); jedis != null; jedis = idle.pollFirst()) {
      jedis.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    dropIdle();
  }
}
