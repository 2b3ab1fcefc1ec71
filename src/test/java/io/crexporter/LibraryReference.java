package io.crexporter;

import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.Series;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What client_java's writers make of the same series, the reference the exporter's own writing must
 * equal: every name one gauge snapshot, the first of equal series kept, counts summed.
 */
public final class LibraryReference {

  private LibraryReference() {}

  /**
   * @param objects the series of each object, in the order the objects were stored
   * @param defined the configuration's families: the help text of a name is its first one's
   * @param openMetrics OpenMetrics rather than the Prometheus text format
   */
  public static String write(
      List<List<Series>> objects, Collection<MetricFamily> defined, boolean openMetrics)
      throws IOException {
    Map<String, MetricFamily> families = new LinkedHashMap<>();
    defined.forEach(family -> families.putIfAbsent(family.name(), family));
    Map<String, Map<Labels, Double>> points = new LinkedHashMap<>();
    for (List<Series> object : objects) {
      for (Series series : object) {
        families.putIfAbsent(series.family().name(), series.family());
        Map<Labels, Double> byLabels =
            points.computeIfAbsent(series.family().name(), name -> new LinkedHashMap<>());
        Labels labels = labels(series.labels());
        if (series.family().type() == MetricType.COUNT) {
          byLabels.merge(labels, 1.0, Double::sum);
        } else {
          byLabels.putIfAbsent(labels, series.value());
        }
      }
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    points.forEach(
        (name, byLabels) -> {
          List<GaugeDataPointSnapshot> data = new ArrayList<>();
          byLabels.forEach(
              (labels, value) -> data.add(new GaugeDataPointSnapshot(value, labels, null)));
          String help = families.get(name).help();
          snapshots.add(
              new GaugeSnapshot(new MetricMetadata(name, help.isEmpty() ? null : help), data));
        });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (openMetrics) {
      OpenMetricsTextFormatWriter.create().write(out, new MetricSnapshots(snapshots));
    } else {
      PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(snapshots));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Labels labels(Map<String, String> labels) {
    return Labels.of(
        labels.keySet().toArray(new String[0]), labels.values().toArray(new String[0]));
  }

  /**
   * An exposition with the samples of each metric sorted, the order client_java writes them in and
   * the one the exporter's store does not keep; headers and the order of names stay as they are.
   */
  public static String sortedWithinNames(String text) {
    List<String> out = new ArrayList<>();
    List<String> samples = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("#") || line.isEmpty()) {
        samples.sort(null);
        out.addAll(samples);
        samples.clear();
        out.add(line);
      } else {
        samples.add(line);
      }
    }
    samples.sort(null);
    out.addAll(samples);
    return String.join("\n", out);
  }
}
