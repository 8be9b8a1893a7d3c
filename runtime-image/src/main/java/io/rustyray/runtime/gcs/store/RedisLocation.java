package io.rustyray.runtime.gcs.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where a Redis store is and how to log in, parsed from {@code
 * redis://[user:password@]host[:port][/db]}. The password never appears in {@link #describe()} or
 * {@link #toString()}.
 *
 * @param user the ACL user, or null for Redis's default user
 * @param password the password, or null when the server asks for none
 */
public record RedisLocation(String host, int port, int database, String user, String password) {
  /** Read when the URI carries no password, so that it can come from a Kubernetes Secret. */
  public static final String PASSWORD_ENV = "RUSTYRAY_GCS_STORE_PASSWORD";

  public static final int DEFAULT_PORT = 6379;

  /**
   * Parses a {@code redis://} URI; the password comes from the URI or, when absent there, from
   * {@link #PASSWORD_ENV} in {@code env}.
   *
   * @throws IllegalArgumentException if the URI is not of that form
   */
  public static RedisLocation parse(String uri, Map<String, String> env) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw invalid(uri, "not a URI: " + e.getReason());
    }
    if (!"redis".equals(parsed.getScheme()) || parsed.getHost() == null) {
      throw invalid(uri, "the form is redis://[user:password@]host:port[/db]");
    }
    if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
      throw invalid(uri, "no query or fragment is understood");
    }
    String host = parsed.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = parsed.getPort() < 0 ? DEFAULT_PORT : parsed.getPort();
    String user = null;
    String password = null;
    String userInfo = parsed.getUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      password = colon < 0 ? null : userInfo.substring(colon + 1);
    }
    if (password == null || password.isEmpty()) {
      password = env.get(PASSWORD_ENV);
    }
    return new RedisLocation(
        host, port, database(uri, parsed.getPath()), blankToNull(user), blankToNull(password));
  }

  private static int database(String uri, String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    try {
      int db = Integer.parseInt(path.substring(1));
      if (db >= 0) {
        return db;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalid(uri, "the path must be a database number such as /0, not " + path);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static IllegalArgumentException invalid(String uri, String why) {
    return new IllegalArgumentException("invalid Redis GCS store " + redact(uri) + ": " + why);
  }

  /** The URI with its user information hidden, for messages. */
  static String redact(String uri) {
    return uri.replaceFirst("//[^/@]*@", "//***@");
  }

  /** {@code host:port}, as an operator would look for it. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** {@code redis://host:port/db}, without user or password. */
  public String describe() {
    return "redis://" + address() + "/" + database;
  }

  @Override
  public String toString() {
    return describe();
  }
}
