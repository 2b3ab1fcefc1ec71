package io.crexporter.store;

import java.util.Map;
import java.util.Optional;

/**
 * Identity of one object in the store: its UID, or apiVersion, kind, namespace and name when it has
 * none (objects read from files often do not).
 */
public record ObjectKey(String value) {

  /** The key of an object, or empty when it lacks apiVersion, kind or name. */
  public static Optional<ObjectKey> of(Map<?, ?> object) {
    Object apiVersion = object.get("apiVersion");
    Object kind = object.get("kind");
    if (!(apiVersion instanceof String) || !(kind instanceof String)) {
      return Optional.empty();
    }
    Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    if (metadata.get("uid") instanceof String uid && !uid.isEmpty()) {
      return Optional.of(new ObjectKey(uid));
    }
    if (!(metadata.get("name") instanceof String name) || name.isEmpty()) {
      return Optional.empty();
    }
    Object namespace = metadata.get("namespace");
    return Optional.of(
        new ObjectKey(
            apiVersion
                + "/"
                + kind
                + "/"
                + (namespace instanceof String ns ? ns : "")
                + "/"
                + name));
  }
}
