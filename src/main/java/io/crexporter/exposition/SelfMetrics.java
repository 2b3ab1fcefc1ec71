package io.crexporter.exposition;

import io.crexporter.mapping.EvaluationError;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The exporter's own health, under the {@code custom_resource_exporter_} prefix. */
public final class SelfMetrics {

  /** Mapped metrics may not use this prefix, so that they never collide with these. */
  public static final String PREFIX = "custom_resource_exporter_";

  private final Counter evaluationErrors;
  private final Counter sourceErrors;
  private final Counter seriesDropped;
  private final Histogram scrapeDuration;
  private final Gauge configReloadSuccessful;
  private final Gauge configReloadTime;
  private final Info buildInfo;

  public SelfMetrics() {
    evaluationErrors =
        Counter.builder()
            .name(PREFIX + "evaluation_errors_total")
            .help("Series not produced because a value was missing or could not be converted.")
            .labelNames("metric", "reason")
            .build();
    sourceErrors =
        Counter.builder()
            .name(PREFIX + "source_errors_total")
            .help("Objects or files an object source could not read.")
            .labelNames("source")
            .build();
    seriesDropped =
        Counter.builder()
            .name(PREFIX + "series_dropped_total")
            .help(
                "Series left out to keep within the series limits: reason metric_limit,"
                    + " total_limit or label_value_too_long.")
            .labelNames("metric", "reason")
            .build();
    scrapeDuration =
        Histogram.builder()
            .name(PREFIX + "scrape_duration_seconds")
            .help("Time to write one whole /metrics response, from request to last byte.")
            .classicOnly()
            .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
            .build();
    configReloadSuccessful =
        Gauge.builder()
            .name(PREFIX + "config_last_reload_successful")
            .help("1 if the last configuration load succeeded, 0 if it was rejected.")
            .build();
    configReloadTime =
        Gauge.builder()
            .name(PREFIX + "config_last_reload_success_timestamp_seconds")
            .help("When a configuration was last loaded successfully.")
            .build();
    buildInfo =
        Info.builder()
            .name(PREFIX + "build_info")
            .help("Version of the exporter.")
            .labelNames("version", "java_version")
            .build();
    buildInfo.setLabelValues(BuildVersion.get(), System.getProperty("java.version", "unknown"));
  }

  /** Registers these metrics, and the JVM's if asked, in {@code registry}. */
  public SelfMetrics registerIn(PrometheusRegistry registry, boolean withJvm) {
    registry.register(evaluationErrors);
    registry.register(sourceErrors);
    registry.register(seriesDropped);
    registry.register(scrapeDuration);
    registry.register(configReloadSuccessful);
    registry.register(configReloadTime);
    registry.register(buildInfo);
    if (withJvm) {
      JvmMetrics.builder().register(registry);
    }
    return this;
  }

  public void evaluationError(EvaluationError error) {
    evaluationErrors.labelValues(error.metric(), error.reason().label()).inc();
  }

  public void seriesDropped(String metric, String reason, int series) {
    seriesDropped.labelValues(metric, reason).inc(series);
  }

  public void sourceError(String source) {
    sourceErrors.labelValues(source).inc();
  }

  public void scraped(double seconds) {
    scrapeDuration.observe(seconds);
  }

  public void configLoaded(boolean successful) {
    configReloadSuccessful.set(successful ? 1 : 0);
    if (successful) {
      configReloadTime.set(System.currentTimeMillis() / 1000.0);
    }
  }
}
