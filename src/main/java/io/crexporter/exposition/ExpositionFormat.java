package io.crexporter.exposition;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

/** The text formats the mapped series are written in directly; protobuf stays on client_java. */
public enum ExpositionFormat {
  TEXT(PrometheusTextFormatWriter.CONTENT_TYPE, PrometheusTextFormatWriter.create()),
  OPENMETRICS(OpenMetricsTextFormatWriter.CONTENT_TYPE, OpenMetricsTextFormatWriter.create());

  private final String contentType;
  private final ExpositionFormatWriter library;

  ExpositionFormat(String contentType, ExpositionFormatWriter library) {
    this.contentType = contentType;
    this.library = library;
  }

  public String contentType() {
    return contentType;
  }

  /** client_java's writer of the format: for the exporter's own metrics. */
  ExpositionFormatWriter libraryWriter() {
    return library;
  }
}
