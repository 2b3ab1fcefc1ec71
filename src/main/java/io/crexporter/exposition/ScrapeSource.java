package io.crexporter.exposition;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;

/** What the {@code /metrics} handler writes out: the exposition, in each form it is asked for. */
public interface ScrapeSource {

  void write(OutputStream out, ExpositionFormat format) throws IOException;

  void writeGzip(OutputStream out, ExpositionFormat format) throws IOException;

  /** Everything as client_java snapshots, for the formats only client_java writes. */
  MetricSnapshots snapshots();
}
