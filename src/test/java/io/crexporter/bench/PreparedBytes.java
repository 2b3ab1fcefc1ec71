package io.crexporter.bench;

import io.crexporter.exposition.ExpositionFormat;
import io.crexporter.exposition.ScrapeSource;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The reference for a text scrape: the same bytes, prepared in one buffer, sent through the same
 * HTTP server and handler, so that the difference is only how the exposition is written.
 */
final class PreparedBytes implements ScrapeSource {

  private final byte[] body;

  PreparedBytes(byte[] body) {
    this.body = body;
  }

  @Override
  public void write(OutputStream out, ExpositionFormat format) throws IOException {
    out.write(body);
  }

  @Override
  public void writeGzip(OutputStream out, ExpositionFormat format) throws IOException {
    throw new UnsupportedOperationException("the reference is plain text");
  }

  @Override
  public MetricSnapshots snapshots() {
    return new MetricSnapshots();
  }
}
