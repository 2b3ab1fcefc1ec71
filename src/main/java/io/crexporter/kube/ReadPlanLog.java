package io.crexporter.kube;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs what a new plan cannot read that the previous one could, once per change. */
final class ReadPlanLog {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSource.class);

  private ReadPlanLog() {}

  static void changes(ReadPlan previous, ReadPlan next) {
    next.kinds()
        .forEach(
            (kind, planned) -> {
              ReadPlan.PlannedKind before = previous.kinds().get(kind);
              Resolution now = planned.resolution();
              if (now instanceof Resolution.Unavailable unavailable
                  && (before == null || !now.equals(before.resolution()))) {
                LOG.warn("{}; waiting for it", unavailable.reason());
              }
            });
    next.idle()
        .forEach(
            (wildcard, reason) -> {
              if (!reason.equals(previous.idle().get(wildcard))) {
                LOG.warn("{}", reason);
              }
            });
  }
}
