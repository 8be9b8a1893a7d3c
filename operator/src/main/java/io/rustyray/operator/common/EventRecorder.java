package io.rustyray.operator.common;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes Kubernetes Events about our resources, for {@code kubectl describe}. The same Event again
 * (same object, type, reason and message) bumps the count and last timestamp of the one already
 * written, as client-go's correlator does, instead of adding another. An Event that cannot be
 * written is logged, never fatal: Events are a courtesy, status is the truth.
 */
@ApplicationScoped
public class EventRecorder {
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  private static final String COMPONENT = "rustyray-operator";
  private static final int REMEMBERED = 4096;

  /** Normal or Warning, as Kubernetes names them. */
  public enum Type {
    Normal,
    Warning
  }

  /** How many times each recent Event was written, by namespace/name; the oldest are forgotten. */
  private final Map<String, Integer> counts =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > REMEMBERED;
        }
      };

  private final Clock clock;

  public EventRecorder() {
    this(Clock.systemUTC());
  }

  /**
   * @param clock the clock for the Events' timestamps
   */
  public EventRecorder(Clock clock) {
    this.clock = clock;
  }

  /**
   * Writes the Event, or counts it again when it was written before.
   *
   * @param client the client
   * @param about the resource the Event is about
   * @param type Normal or Warning
   * @param reason CamelCase reason
   * @param message what happened
   */
  public void record(
      KubernetesClient client, HasMetadata about, Type type, Reason reason, String message) {
    String namespace = about.getMetadata().getNamespace();
    String name = eventName(about, type, reason, message);
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    String key = namespace + "/" + name;
    Integer seen;
    synchronized (counts) {
      seen = counts.get(key);
    }
    try {
      int count;
      if (seen == null) {
        count = createOrBump(client, about, name, type, reason, message, now);
      } else {
        count = seen + 1;
        if (!bump(client, namespace, name, count, now)) {
          count = createOrBump(client, about, name, type, reason, message, now);
        }
      }
      synchronized (counts) {
        counts.put(key, count);
      }
    } catch (KubernetesClientException e) {
      LOG.debugf(e, "could not record event %s on %s", reason, about.getMetadata().getName());
    }
  }

  private int createOrBump(
      KubernetesClient client,
      HasMetadata about,
      String name,
      Type type,
      Reason reason,
      String message,
      String now) {
    try {
      client
          .v1()
          .events()
          .inNamespace(about.getMetadata().getNamespace())
          .resource(event(about, name, type, reason, message, now))
          .create();
      return 1;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Written by an earlier run of the operator: its count is unknown here, so it says "again".
      bump(client, about.getMetadata().getNamespace(), name, 2, now);
      return 2;
    }
  }

  /** Returns false when the Event is gone (expired by the API server's TTL). */
  private static boolean bump(
      KubernetesClient client, String namespace, String name, int count, String now) {
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .withName(name)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private static io.fabric8.kubernetes.api.model.Event event(
      HasMetadata about, String name, Type type, Reason reason, String message, String now) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(about.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(about.getApiVersion())
                .withKind(about.getKind())
                .withName(about.getMetadata().getName())
                .withNamespace(about.getMetadata().getNamespace())
                .withUid(about.getMetadata().getUid())
                .build())
        .withType(type.name())
        .withReason(reason.name())
        .withMessage(message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .build();
  }

  /**
   * @param about the resource
   * @param type the Event's type
   * @param reason its reason
   * @param message its message
   * @return a name that is the same for the same Event about the same object, so a repeat finds it
   */
  static String eventName(HasMetadata about, Type type, Reason reason, String message) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String identity =
          about.getMetadata().getUid() + "\n" + type + "\n" + reason.name() + "\n" + message;
      byte[] digest = sha.digest(identity.getBytes(StandardCharsets.UTF_8));
      return about.getMetadata().getName() + "." + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
