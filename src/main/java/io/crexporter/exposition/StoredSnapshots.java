package io.crexporter.exposition;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.render.LineBuffer;
import io.crexporter.render.SampleLineParser;
import io.crexporter.store.Block;
import io.crexporter.store.RenderedStore;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored series read back into client_java snapshots, for what only client_java writes
 * (protobuf) and for output in its order (sorted by labels). Slow next to the stored bytes, and
 * never on the text path.
 */
final class StoredSnapshots {

  private StoredSnapshots() {}

  static MetricSnapshots of(RenderedStore store, CompiledConfig config, MetricSnapshots own) {
    Map<String, String> help = new HashMap<>();
    for (MetricFamily family : config.families()) {
      help.put(family.name(), family.help());
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    LineBuffer lines = new LineBuffer();
    for (MappedFamilies.Family family :
        new MappedFamilies(store, () -> config).plan(ExpositionFormat.TEXT)) {
      lines.reset();
      if (family.countLines() != null) {
        lines.append(family.countLines());
      }
      for (Block.Snapshot block : family.blocks()) {
        try {
          block.write(lines::append);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      List<GaugeDataPointSnapshot> points = new ArrayList<>();
      String name = null;
      for (SampleLineParser.Sample sample :
          SampleLineParser.parse(lines.array(), 0, lines.size())) {
        name = sample.name();
        points.add(
            new GaugeDataPointSnapshot(
                sample.value(), Labels.of(sample.labelNames(), sample.labelValues()), null));
      }
      if (name != null) {
        String text = help.getOrDefault(name, "");
        snapshots.add(
            new GaugeSnapshot(new MetricMetadata(name, text.isEmpty() ? null : text), points));
      }
    }
    own.forEach(snapshots::add);
    return new MetricSnapshots(snapshots);
  }
}
