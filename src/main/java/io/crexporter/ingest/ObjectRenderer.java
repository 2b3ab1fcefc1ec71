package io.crexporter.ingest;

import com.carrotsearch.hppc.LongHashSet;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.Series;
import io.crexporter.render.LineBuffer;
import io.crexporter.render.SampleLines;
import io.crexporter.store.CountKey;
import io.crexporter.store.LineIdentity;
import io.crexporter.store.Rendering;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Turns the series of one object into what the store keeps: sample lines grouped by metric name, in
 * the order of their family ids, each identity once, and the units it adds to count metrics. Not
 * thread-safe: each thread has its own, reusing its buffers from object to object.
 */
final class ObjectRenderer {

  /** What one object renders to. */
  record Rendered(Rendering rendering, int[] dropped, List<CountKey> counts) {}

  private final ToIntFunction<String> familyIds;
  private final LineBuffer buffer = new LineBuffer();
  private final LongHashSet identities = new LongHashSet();

  ObjectRenderer(ToIntFunction<String> familyIds) {
    this.familyIds = familyIds;
  }

  Rendered render(List<Series> series) {
    int n = series.size();
    int[] ids = new int[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      ids[i] = familyIds.applyAsInt(series.get(i).family().name());
      order[i] = i;
    }
    // stable: the lines of a family keep the order the mapping made them in
    Arrays.sort(order, (a, b) -> Integer.compare(ids[a], ids[b]));
    buffer.reset();
    List<CountKey> counts = List.of();
    int[] index = new int[2 * n];
    int[] dropped = null;
    int segments = 0;
    int current = -1;
    for (int k = 0; k < n; k++) {
      Series one = series.get(order[k]);
      int id = ids[order[k]];
      if (one.family().type() == MetricType.COUNT) {
        if (counts.isEmpty()) {
          counts = new ArrayList<>();
        }
        counts.add(new CountKey(id, labels(one.labels())));
        continue;
      }
      if (id != current) {
        current = id;
        identities.clear();
        index[2 * segments] = id;
        segments++;
      }
      int start = buffer.size();
      SampleLines.append(buffer, one.family().name(), one.labels(), one.value());
      if (!identities.add(LineIdentity.of(buffer.array(), start, buffer.size() - 1))) {
        // the object has this series twice: the first is kept, the others counted as duplicates
        buffer.truncate(start);
        if (dropped == null) {
          dropped = new int[n];
        }
        dropped[segments - 1]++;
      }
      index[2 * segments - 1] = buffer.size();
    }
    Rendering rendering = new Rendering(buffer.toByteArray(), Arrays.copyOf(index, 2 * segments));
    return new Rendered(
        rendering, dropped == null ? null : Arrays.copyOf(dropped, segments), counts);
  }

  /** Labels as they appear in a sample line, for the key of a count. */
  private String labels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    LineBuffer one = new LineBuffer(128);
    SampleLines.append(one, "", labels, 0);
    String line = new String(one.array(), 0, one.size(), java.nio.charset.StandardCharsets.UTF_8);
    // "{...} 0.0\n": keep the braces and what is between them
    return line.substring(0, line.lastIndexOf(' '));
  }
}
