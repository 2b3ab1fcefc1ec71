package io.crexporter.exposition;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import io.crexporter.render.LineBuffer;
import io.crexporter.render.SampleLines;
import io.crexporter.store.Block;
import io.crexporter.store.FamilyColumn;
import io.crexporter.store.RenderedStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What one scrape writes of the mapped series, family by family in name order: the HELP and TYPE
 * lines, then the blocks of stored lines, or the lines of a count, which are summed as objects come
 * and go. Families without series are left out, as client_java leaves out empty snapshots.
 */
final class MappedFamilies {

  /**
   * One metric name's part of a scrape.
   *
   * @param column its stored lines, null for a count
   * @param countLines the lines of a count, null for stored lines
   */
  record Family(byte[] header, FamilyColumn column, byte[] countLines) {
    /** The column's blocks as they are now; none for a count. */
    List<Block.Snapshot> blocks() {
      return column == null ? List.of() : column.snapshot();
    }
  }

  private final RenderedStore store;
  private final Supplier<CompiledConfig> config;

  MappedFamilies(RenderedStore store, Supplier<CompiledConfig> config) {
    this.store = store;
    this.config = config;
  }

  List<Family> plan(ExpositionFormat format) {
    Map<String, MetricFamily> defined = new HashMap<>();
    config.get().families().forEach(family -> defined.put(family.name(), family));
    Map<String, Family> byName = new TreeMap<>();
    for (FamilyColumn column : store.columns()) {
      MetricFamily family = defined.get(column.name());
      if (family == null) {
        // lines of a name the configuration no longer has wait to be mapped again
        family = new MetricFamily(column.name(), "", MetricType.GAUGE);
      }
      if (family.type() == MetricType.COUNT) {
        byte[] lines = countLines(column.name(), store.counts(column.id()));
        if (lines.length > 0) {
          byName.put(column.name(), new Family(FamilyHeaders.of(family, format), null, lines));
        }
      } else if (column.series() > 0) {
        byName.put(column.name(), new Family(FamilyHeaders.of(family, format), column, null));
      }
    }
    return new ArrayList<>(byName.values());
  }

  private static byte[] countLines(String name, Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return new byte[0];
    }
    LineBuffer lines = new LineBuffer(64 * counts.size());
    counts.forEach(
        (labels, n) -> {
          lines.append((name + labels + " ").getBytes(StandardCharsets.UTF_8));
          SampleLines.appendValue(lines, n);
          lines.append(new byte[] {'\n'});
        });
    return lines.toByteArray();
  }
}
