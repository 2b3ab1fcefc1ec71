package io.crexporter.exposition;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.render.LineBuffer;
import io.crexporter.store.Block;
import io.crexporter.store.RenderedStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * A scrape: the stored lines of the mapped series, written out as they are, then the exporter's own
 * metrics and the JVM's through client_java's writer of the same format (which ends an OpenMetrics
 * exposition with {@code # EOF}). Compressed, unchanged blocks reuse the gzip member made for them
 * before.
 */
public final class Exposition implements ScrapeSource {

  private static final int BUFFER = 64 * 1024;

  private final MappedFamilies mapped;
  private final PrometheusRegistry registry;
  private final RenderedStore store;
  private final Supplier<CompiledConfig> config;

  /**
   * @param registry the exporter's own metrics; the mapped series are not in it
   */
  public Exposition(
      RenderedStore store, Supplier<CompiledConfig> config, PrometheusRegistry registry) {
    this.store = store;
    this.config = config;
    this.mapped = new MappedFamilies(store, config);
    this.registry = registry;
  }

  /** Writes the whole exposition, streamed: memory does not grow with its size. */
  @Override
  public void write(OutputStream response, ExpositionFormat format) throws IOException {
    BufferedOutputStream out = new BufferedOutputStream(response, BUFFER);
    Block.LineSink sink = out::write;
    for (MappedFamilies.Family family : mapped.plan(format)) {
      out.write(family.header());
      if (family.countLines() != null) {
        out.write(family.countLines());
      }
      for (Block.Snapshot block : family.blocks()) {
        block.write(sink);
      }
    }
    format.libraryWriter().write(out, registry.scrape());
    out.flush();
  }

  /**
   * The same bytes, gzipped: a member per block of stored lines, the one made before when the block
   * did not change, otherwise made now on every core, a few blocks ahead of the one being sent.
   */
  @Override
  public void writeGzip(OutputStream response, ExpositionFormat format) throws IOException {
    BufferedOutputStream out = new BufferedOutputStream(response, BUFFER);
    try (GzipMembers gzip = new GzipMembers(out)) {
      for (MappedFamilies.Family family : mapped.plan(format)) {
        gzip.write(family.header());
        if (family.countLines() != null) {
          gzip.write(family.countLines());
        }
        BlockMembers.write(family.blocks(), gzip);
      }
      LineBuffer own = new LineBuffer(BUFFER);
      format.libraryWriter().write(new LineBufferStream(own), registry.scrape());
      gzip.write(own.array(), 0, own.size());
    }
    out.flush();
  }

  /** The mapped series and the exporter's own as client_java snapshots: for protobuf. */
  @Override
  public MetricSnapshots snapshots() {
    return StoredSnapshots.of(store, config.get(), registry.scrape());
  }

  /** An output stream into a line buffer. */
  private static final class LineBufferStream extends OutputStream {
    private final LineBuffer buffer;

    LineBufferStream(LineBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public void write(int b) {
      buffer.append(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] bytes, int from, int length) {
      buffer.append(bytes, from, length);
    }
  }
}
