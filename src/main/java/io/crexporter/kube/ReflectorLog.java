package io.crexporter.kube;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what reflectors report and logs it without flooding: an error is logged when it first
 * happens or changes, and recovery once.
 */
final class ReflectorLog implements ReflectorMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(ReflectorLog.class);

  private final KubeSourceMetrics metrics;
  private final Map<ResourceTarget, String> lastError = new ConcurrentHashMap<>();
  private final Map<ResourceTarget, Double> lastSync = new ConcurrentHashMap<>();

  ReflectorLog(KubeSourceMetrics metrics) {
    this.metrics = metrics;
  }

  double lastSync(ResourceTarget target) {
    return lastSync.getOrDefault(target, 0.0);
  }

  @Override
  public void listed(ResourceTarget target) {
    lastSync.put(target, System.currentTimeMillis() / 1000.0);
    metrics.listed(target);
    if (lastError.remove(target) != null) {
      LOG.info("reading {} again", target);
    }
  }

  @Override
  public void event(ResourceTarget target, String type) {
    metrics.event(target, type);
  }

  @Override
  public void failed(ResourceTarget target, String operation, KubeApiException error) {
    metrics.error(target, operation);
    String message = error.getMessage();
    if (!message.equals(lastError.put(target, message))) {
      LOG.warn("cannot {} {}: {}", operation, target, message);
    }
  }
}
