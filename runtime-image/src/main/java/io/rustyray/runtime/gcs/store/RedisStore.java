package io.rustyray.runtime.gcs.store;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The store {@code redis://...}: a table is one Redis hash named {@code rustyray:gcs:<table>}. What
 * it writes is as durable as the server is configured to make it ({@code appendonly yes}; {@code
 * appendfsync always} for a sync per write).
 *
 * <p>Connections have short timeouts, so a lost server fails a write in about two seconds instead
 * of hanging the head; failed connections are dropped and new ones made once the server is back.
 */
public final class RedisStore implements GcsStore {
  /** Prefix of the hashes, so that the GCS can share a Redis database with others. */
  public static final String KEY_PREFIX = "rustyray:gcs:";

  static final int TIMEOUT_MILLIS = 2_000;
  private static final int SCAN_BATCH = 1_000;

  private final RedisLocation location;
  private final RedisConnections connections;

  private RedisStore(RedisLocation location) {
    this.location = location;
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(TIMEOUT_MILLIS)
            .socketTimeoutMillis(TIMEOUT_MILLIS)
            .database(location.database())
            .clientName("rustyray-gcs");
    if (location.user() != null) {
      config.user(location.user());
    }
    if (location.password() != null) {
      config.password(location.password());
    }
    this.connections =
        new RedisConnections(new HostAndPort(location.host(), location.port()), config.build());
  }

  /**
   * Connects to the server and checks that it answers and accepts the credentials.
   *
   * @throws StoreUnavailableException if it does not, naming {@code host:port} and the cause
   */
  public static RedisStore open(RedisLocation location) throws StoreUnavailableException {
    RedisStore store = new RedisStore(location);
    try {
      store.call("open", Jedis::ping);
      return store;
    } catch (StoreUnavailableException e) {
      store.close();
      throw e;
    }
  }

  @Override
  public void put(String table, String key, byte[] value) throws StoreUnavailableException {
    call("put", jedis -> jedis.hset(hash(table), utf8(key), value));
  }

  @Override
  public void delete(String table, String key) throws StoreUnavailableException {
    call("delete", jedis -> jedis.hdel(hash(table), utf8(key)));
  }

  @Override
  public Map<String, byte[]> load(String table) throws StoreUnavailableException {
    // HSCAN rather than HGETALL: a large table does not block the server in one command.
    Map<String, byte[]> entries = new HashMap<>();
    byte[] hash = hash(table);
    ScanParams batch = new ScanParams().count(SCAN_BATCH);
    byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
    do {
      byte[] from = cursor;
      ScanResult<Map.Entry<byte[], byte[]>> page =
          call("load", jedis -> jedis.hscan(hash, from, batch));
      page.getResult()
          .forEach(e -> entries.put(new String(e.getKey(), StandardCharsets.UTF_8), e.getValue()));
      cursor = page.getCursorAsBytes();
    } while (!scanDone(cursor));
    return entries;
  }

  private static boolean scanDone(byte[] cursor) {
    return cursor.length == 1 && cursor[0] == '0';
  }

  private <T> T call(String what, Function<Jedis, T> command) throws StoreUnavailableException {
    try {
      return connections.run(command);
    } catch (JedisConnectionException first) {
      if (isAuthFailure(first) || isTimeout(first)) {
        throw translate(what, first);
      }
      // A connection broken fast (reset, closed) is most often an idle one from before a restart
      // of the server: drop the idle ones and try once more on a fresh connection. Commands here
      // are idempotent, so a repeat is harmless. A timeout is not retried: the bound holds.
      connections.dropIdle();
      try {
        return connections.run(command);
      } catch (JedisException second) {
        throw translate(what, second);
      }
    } catch (JedisException e) {
      throw translate(what, e);
    } catch (IllegalStateException e) {
      throw new StoreUnavailableException("Redis GCS store " + describe() + " is closed", e);
    }
  }

  private StoreUnavailableException translate(String what, JedisException e) {
    String prefix = "Redis GCS store " + location.describe();
    if (isAuthFailure(e)) {
      return new StoreUnavailableException(
          prefix
              + ": authentication failed for user "
              + (location.user() == null ? "default" : "'" + location.user() + "'")
              + " (password from the URI or "
              + RedisLocation.PASSWORD_ENV
              + "): "
              + rootMessage(e),
          e);
    }
    return new StoreUnavailableException(prefix + ": " + what + " failed: " + rootMessage(e), e);
  }

  private static boolean isAuthFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof JedisAccessControlException
          || message.startsWith("WRONGPASS")
          || message.startsWith("NOAUTH")
          || message.contains("invalid password")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  // Jedis puts the reason of a failed connect (refused, timed out) into a suppressed exception and
  // often repeats its cause's text in its own message: both are folded into one line.
  private static String rootMessage(Throwable e) {
    StringBuilder message = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage());
      if (!message.toString().contains(text)) {
        message.append(message.length() == 0 ? "" : ": ").append(text);
      }
      for (Throwable suppressed : t.getSuppressed()) {
        message.append(" (").append(suppressed).append(")");
      }
    }
    return message.toString();
  }

  private static byte[] hash(String table) {
    return utf8(KEY_PREFIX + table);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public String describe() {
    return location.describe();
  }

  @Override
  public boolean reachable() {
    try {
      call("ping", Jedis::ping);
      return true;
    } catch (StoreUnavailableException e) {
      return false;
    }
  }

  @Override
  public void close() {
    connections.close();
  }

  @Override
  public String toString() {
    return describe();
  }
}
