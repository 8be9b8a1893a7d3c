package io.rustyray.api;

import io.rustyray.api.exception.RustyException;
import java.util.Locale;

/**
 * The lifetime of actors whose creator did not call {@link ActorCreator#setDetached}, as Ray's
 * {@code ray.job.default-actor-lifetime}: {@code NON_DETACHED} (the default) or {@code DETACHED},
 * from the system property {@value #PROPERTY} or the environment variable {@value #ENV} (a job's
 * {@code --env} reaches its driver and its workers alike).
 */
public final class DefaultActorLifetime {
  public static final String PROPERTY = "rustyray.job.default-actor-lifetime";
  public static final String ENV = "RUSTYRAY_DEFAULT_ACTOR_LIFETIME";

  private DefaultActorLifetime() {}

  /**
   * @return whether actors are detached unless their creator says otherwise
   * @throws RustyException when the setting is neither DETACHED nor NON_DETACHED
   */
  public static boolean detached() {
    String setting = System.getProperty(PROPERTY);
    if (setting == null || setting.isBlank()) {
      setting = System.getenv(ENV);
    }
    if (setting == null || setting.isBlank()) {
      return false;
    }
    return switch (setting.trim().toUpperCase(Locale.ROOT)) {
      case "DETACHED" -> true;
      case "NON_DETACHED" -> false;
      default ->
          throw new RustyException(
              PROPERTY + " (" + ENV + ") is DETACHED or NON_DETACHED, got '" + setting + "'");
    };
  }
}
