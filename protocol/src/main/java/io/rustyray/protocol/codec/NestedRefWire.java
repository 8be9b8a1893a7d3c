package io.rustyray.protocol.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * An {@link io.rustyray.api.ObjectRef} inside a value, as it travels: the reference's id and owner,
 * and either its value inline (small values that refer to no stored object) or where a node's store
 * keeps it (the owner and every borrower then hold it at the head until they drop it).
 *
 * @param id the reference's id
 * @param owner the caller id of the process that owns the object
 * @param value the object's bytes, or null when it is stored
 * @param objectId the object's id in the node's store, or null when inline
 * @param nodeAddress the {@code host:port} of the node that stores it, or null when inline
 * @param sizeBytes the stored object's size
 */
public record NestedRefWire(
    @JsonProperty(NestedRefWire.ID_KEY) String id,
    String owner,
    byte[] value,
    String objectId,
    String nodeAddress,
    long sizeBytes) {
  /** The key that marks a map on the wire as a reference, also where the reader expects Object. */
  public static final String ID_KEY = "rustyrayRef";

  /**
   * @param map a reference read where any value was expected, as a map
   * @return the reference it describes
   */
  static NestedRefWire fromMap(Map<?, ?> map) {
    Object size = map.get("sizeBytes");
    return new NestedRefWire(
        text(map.get(ID_KEY)),
        text(map.get("owner")),
        map.get("value") instanceof byte[] bytes ? bytes : null,
        text(map.get("objectId")),
        text(map.get("nodeAddress")),
        size instanceof Number n ? n.longValue() : 0);
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }

  /** Whether the object is in a node's store (else its bytes travel with the reference). */
  public boolean stored() {
    return objectId != null;
  }
}
