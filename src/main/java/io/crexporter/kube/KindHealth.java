package io.crexporter.kube;

import io.crexporter.mapping.ResourceId;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one mapped kind, for self-metrics.
 *
 * @param version the version it is read at, or the configured one (possibly empty) when unknown
 * @param up every endpoint of the kind was listed, and no error has happened since its watch last
 *     opened
 * @param lastSyncSeconds when a list of the kind last completed, 0 if never
 * @param lastEventSeconds when a watch event or a list of the kind last arrived, 0 if never
 */
public record KindHealth(
    String group,
    String version,
    String kind,
    boolean up,
    double lastSyncSeconds,
    double lastEventSeconds) {

  /** The health of every kind of a plan, from the state of the reflectors reading it. */
  static List<KindHealth> of(ReadPlan plan, List<Reflector> reflectors, ReflectorLog log) {
    List<KindHealth> health = new ArrayList<>();
    for (ReadPlan.PlannedKind planned : plan.kinds().values()) {
      ResourceId id = planned.id();
      boolean up = planned.resolution() instanceof Resolution.Watch;
      double lastSync = 0;
      double lastEvent = 0;
      for (Reflector reflector : reflectors) {
        ResourceTarget target = reflector.target();
        if (target.group().equals(id.group()) && target.kind().equals(id.kind())) {
          Reflector.State state = reflector.state();
          up &= state.synced() && state.lastError() == null;
          lastSync = Math.max(lastSync, log.lastSync(target));
          lastEvent = Math.max(lastEvent, log.lastEvent(target));
        }
      }
      health.add(
          new KindHealth(
              id.group(), planned.resolution().version(), id.kind(), up, lastSync, lastEvent));
    }
    return health;
  }
}
