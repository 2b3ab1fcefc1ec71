package io.crexporter.kube;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what reflectors report, remembers when each last heard from the server, and logs without
 * flooding: an error when it first happens or changes, and recovery once.
 */
final class ReflectorLog implements ReflectorMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(ReflectorLog.class);

  private final KubeSourceMetrics metrics;
  private final Map<ResourceTarget, String> lastError = new ConcurrentHashMap<>();
  private final Map<ResourceTarget, Double> lastSync = new ConcurrentHashMap<>();
  private final Map<ResourceTarget, Double> lastEvent = new ConcurrentHashMap<>();

  ReflectorLog(KubeSourceMetrics metrics) {
    this.metrics = metrics;
  }

  /** When a list of the target last completed, in seconds since the epoch; 0 if never. */
  double lastSync(ResourceTarget target) {
    return lastSync.getOrDefault(target, 0.0);
  }

  /** When a watch event (bookmarks too) or a list last arrived; 0 if never. */
  double lastEvent(ResourceTarget target) {
    return lastEvent.getOrDefault(target, 0.0);
  }

  @Override
  public void listed(ResourceTarget target) {
    double now = now();
    lastSync.put(target, now);
    lastEvent.put(target, now);
    metrics.listed(target);
  }

  @Override
  public void watchOpened(ResourceTarget target) {
    metrics.watchOpened(target);
    if (lastError.remove(target) != null) {
      LOG.info("reading {} again", target);
    }
  }

  @Override
  public void event(ResourceTarget target, String type) {
    lastEvent.put(target, now());
    metrics.event(target, type);
  }

  @Override
  public void failed(ResourceTarget target, String operation, KubeApiException error) {
    metrics.error(target, operation);
    String message = operation + ": " + error.getMessage();
    if (!message.equals(lastError.put(target, message))) {
      LOG.warn("cannot {} {}: {}", operation, target, error.getMessage());
    }
  }

  /** Forgets a target that is no longer read, so that its figures do not linger. */
  void forget(ResourceTarget target) {
    lastError.remove(target);
    lastSync.remove(target);
    lastEvent.remove(target);
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
