package io.crexporter.app;

import io.crexporter.store.SeriesLimits;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Series left out to keep within the limits: counted every time, logged once per metric and reason
 * until the configuration is loaded again, so that a metric at its limit does not fill the log.
 */
final class DropLog implements SeriesLimits.Drops {

  private static final Logger LOG = LoggerFactory.getLogger(DropLog.class);

  private final SeriesLimits.Drops counter;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private volatile SeriesLimits limits;

  DropLog(SeriesLimits limits, SeriesLimits.Drops counter) {
    this.limits = limits;
    this.counter = counter;
  }

  /** A new configuration: what was logged may be logged again. */
  void reset(SeriesLimits now) {
    limits = now;
    logged.clear();
  }

  @Override
  public void dropped(String metric, SeriesLimits.Reason reason, int series) {
    counter.dropped(metric, reason, series);
    if (logged.add(metric + " " + reason)) {
      LOG.warn("{}", message(metric, reason));
    }
  }

  private String message(String metric, SeriesLimits.Reason reason) {
    String rest =
        "; objects beyond it have none of its series, counted in"
            + " custom_resource_exporter_series_dropped_total (logged once)";
    return switch (reason) {
      case METRIC_LIMIT ->
          "metric " + metric + " is at its limit of " + limits.limitOf(metric) + " series" + rest;
      case TOTAL_LIMIT ->
          "the exporter is at its limit of "
              + limits.total()
              + " series in all (--max-series); series of "
              + metric
              + " left out"
              + rest;
      case LABEL_VALUE_TOO_LONG ->
          "a series of "
              + metric
              + " has a label value longer than "
              + limits.labelValueLength()
              + " characters (--max-label-value-length): such series are left out, counted in"
              + " custom_resource_exporter_series_dropped_total (logged once)";
    };
  }
}
