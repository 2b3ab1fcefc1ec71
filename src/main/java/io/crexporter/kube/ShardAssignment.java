package io.crexporter.kube;

import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's shard, and the filter that keeps only its objects. A shard given by flags is known
 * from the start; one of a StatefulSet pod is known once the StatefulSet has been read, and changes
 * when it is scaled. Until it is known no object is kept.
 */
final class ShardAssignment implements ObjectFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ShardAssignment.class);

  private final Consumer<Shard> changed;
  private final Reflector statefulSet;
  private volatile Shard shard;

  /**
   * @param changed called with the new shard when it is first known and whenever it changes, on the
   *     thread that read it
   */
  ShardAssignment(Sharding sharding, KubeApi api, KubeSettings settings, Consumer<Shard> changed) {
    this.changed = changed;
    if (sharding instanceof Sharding.Fixed fixed) {
      shard = fixed.shard();
      statefulSet = null;
    } else {
      Sharding.FromStatefulSet pod = (Sharding.FromStatefulSet) sharding;
      ResourceTarget target =
          new ResourceTarget(
              "apps",
              "v1",
              "statefulsets",
              "StatefulSet",
              pod.namespace(),
              "",
              "metadata.name=" + pod.statefulSet());
      statefulSet =
          new Reflector(
              target, api, new Replicas(pod.ordinal()), new StatefulSetLog(pod), settings);
    }
  }

  void start() {
    if (statefulSet != null) {
      statefulSet.start();
    }
  }

  void close() {
    if (statefulSet != null) {
      statefulSet.stop();
      statefulSet.awaitStopped(Duration.ofSeconds(10));
    }
  }

  /** The shard, once known. */
  Optional<Shard> current() {
    return Optional.ofNullable(shard);
  }

  /** Objects of this shard; objects without a UID (none that is mapped) are kept. */
  @Override
  public boolean keeps(Map<?, ?> metadata) {
    Shard now = shard;
    if (now == null) {
      return false;
    }
    return !(metadata.get("uid") instanceof String uid) || now.owns(uid);
  }

  private void assign(Shard next) {
    if (next.equals(shard)) {
      return;
    }
    LOG.info("this replica is {}", next);
    shard = next;
    changed.accept(next);
  }

  /** Follows the StatefulSet's {@code spec.replicas}. */
  private final class Replicas implements ObjectSink {
    private final int ordinal;

    Replicas(int ordinal) {
      this.ordinal = ordinal;
    }

    @Override
    public void upsert(ObjectKey key, Map<String, Object> object) {
      // the API server defaults spec.replicas to 1
      int replicas =
          object.get("spec") instanceof Map<?, ?> spec && spec.get("replicas") instanceof Number n
              ? n.intValue()
              : 1;
      if (ordinal >= replicas) {
        // being scaled down: this pod is about to go; keep what it has until then
        LOG.info("the StatefulSet has {} replicas: pod {} is being removed", replicas, ordinal);
        return;
      }
      assign(new Shard(ordinal, replicas));
    }

    @Override
    public void delete(ObjectKey key) {
      // the pod goes with its StatefulSet; until then it keeps its shard
    }
  }

  /** Problems reading the StatefulSet, logged once each until it can be read again. */
  private final class StatefulSetLog implements ReflectorMonitor {
    private final Sharding.FromStatefulSet pod;
    private volatile String lastFailure = "";

    StatefulSetLog(Sharding.FromStatefulSet pod) {
      this.pod = pod;
    }

    @Override
    public void listed(ResourceTarget target) {
      lastFailure = "";
      if (shard == null) {
        LOG.warn(
            "StatefulSet {}/{} not found, or it has no pod {}: no object is read until it has",
            pod.namespace(),
            pod.statefulSet(),
            pod.ordinal());
      }
    }

    @Override
    public void event(ResourceTarget target, String type) {}

    @Override
    public void failed(ResourceTarget target, String operation, KubeApiException error) {
      if (!error.getMessage().equals(lastFailure)) {
        LOG.warn(
            "cannot {} StatefulSet {}/{} to learn the number of shards: {}",
            operation,
            pod.namespace(),
            pod.statefulSet(),
            error.getMessage());
      }
      lastFailure = error.getMessage();
    }
  }
}
