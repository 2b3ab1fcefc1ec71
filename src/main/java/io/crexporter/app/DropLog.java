package io.crexporter.app;

import io.crexporter.store.SeriesLimits;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Series left out to keep within the limits: counted every time, logged once per episode, so that a
 * metric at its limit does not fill the log. An episode of a series limit lasts from the first
 * series of the metric left out to the next it takes in; one of long label values, until the
 * mappings are loaded again.
 */
final class DropLog implements SeriesLimits.Drops {

  private static final Logger LOG = LoggerFactory.getLogger(DropLog.class);

  private final SeriesLimits.Drops counter;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private volatile SeriesLimits limits;

  private final Consumer<String> warn;

  DropLog(SeriesLimits limits, SeriesLimits.Drops counter) {
    this(limits, counter, LOG::warn);
  }

  DropLog(SeriesLimits limits, SeriesLimits.Drops counter, Consumer<String> warn) {
    this.limits = limits;
    this.counter = counter;
    this.warn = warn;
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
      warn.accept(message(metric, reason));
    }
  }

  @Override
  public void fits(String metric) {
    // called for every object that adds series: nothing to do unless an episode is open
    if (!logged.isEmpty()
        && (logged.remove(metric + " " + SeriesLimits.Reason.METRIC_LIMIT)
            | logged.remove(metric + " " + SeriesLimits.Reason.TOTAL_LIMIT))) {
      LOG.info("metric {} takes series again: within its limits", metric);
    }
  }

  private String message(String metric, SeriesLimits.Reason reason) {
    String rest =
        "; objects beyond it have none of its series, counted in"
            + " custom_resource_exporter_series_dropped_total (logged once until it takes series again)";
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
              + " custom_resource_exporter_series_dropped_total (logged once until the mappings are"
              + " loaded again)";
    };
  }
}
