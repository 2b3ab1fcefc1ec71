package io.crexporter.kube;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How this replica finds its shard: none, given by flags, or followed from its StatefulSet. */
public sealed interface Sharding {

  /** One replica reads every object. */
  Sharding NONE = new Fixed(Shard.ALL);

  /** A shard given once, by {@code --shard} and {@code --total-shards}. */
  record Fixed(Shard shard) implements Sharding {}

  /**
   * A pod of a StatefulSet: the shard is the pod's ordinal, the total the StatefulSet's replicas,
   * followed as it is scaled.
   */
  record FromStatefulSet(String namespace, String statefulSet, int ordinal) implements Sharding {}

  /**
   * The sharding of StatefulSet pod {@code pod} in {@code namespace}: its name is the StatefulSet's
   * and its ordinal, {@code <statefulset>-<ordinal>}.
   *
   * @throws IllegalArgumentException when the name does not end in an ordinal
   */
  static Sharding fromPod(String pod, String namespace) {
    Matcher name = Pattern.compile("(.+)-(0|[1-9][0-9]{0,8})").matcher(pod);
    if (!name.matches()) {
      throw new IllegalArgumentException(
          "pod name \"" + pod + "\" is not a StatefulSet pod's (<statefulset>-<ordinal>)");
    }
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("the pod's namespace is needed with its name");
    }
    return new FromStatefulSet(namespace, name.group(1), Integer.parseInt(name.group(2)));
  }
}
