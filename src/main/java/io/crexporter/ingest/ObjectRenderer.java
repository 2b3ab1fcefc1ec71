package io.crexporter.ingest;

import com.carrotsearch.hppc.LongHashSet;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.Series;
import io.crexporter.render.LineBuffer;
import io.crexporter.render.SampleLines;
import io.crexporter.store.CountKey;
import io.crexporter.store.LineIdentity;
import io.crexporter.store.RenderedObject;
import io.crexporter.store.Rendering;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Turns the series of one object into what the store keeps: sample lines grouped by metric name, in
 * the order of their family ids, each identity once, and the units it adds to count metrics. Not
 * thread-safe: each thread has its own, reusing its buffers from object to object.
 */
final class ObjectRenderer {

  /** Beyond this many lines a name of one object is checked for twins with a hash set. */
  private static final int LINEAR_SEARCH = 32;

  private final LineBuffer buffer = new LineBuffer();
  private long[] identities = new long[64];
  private final LongHashSet many = new LongHashSet();

  /**
   * @param familyIds the store's id of each metric name
   */
  RenderedObject render(List<Series> series, ToIntFunction<String> familyIds) {
    return render(series, familyIds, Integer.MAX_VALUE, tooLong -> {});
  }

  /**
   * @param labelValueLength series with a longer label value are left out, told to {@code tooLong};
   *     checked only on lines longer than this, so that it costs nothing on the others
   */
  RenderedObject render(
      List<Series> series,
      ToIntFunction<String> familyIds,
      int labelValueLength,
      Consumer<Series> tooLong) {
    int n = series.size();
    int[] ids = new int[n];
    // family id in the high half, position in the low half: sorting keeps a family's lines in the
    // order the mapping made them
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = familyIds.applyAsInt(series.get(i).family().name());
      order[i] = (long) ids[i] << 32 | i;
    }
    Arrays.sort(order);
    buffer.reset();
    List<CountKey> counts = List.of();
    int[] index = new int[2 * n];
    int[] firstLines = new int[n + 1];
    int[] dropped = null;
    int segments = 0;
    int current = -1;
    int lines = 0;
    int segmentStart = 0;
    for (int k = 0; k < n; k++) {
      int position = (int) order[k];
      Series one = series.get(position);
      int id = ids[position];
      if (one.family().type() == MetricType.COUNT) {
        if (counts.isEmpty()) {
          counts = new ArrayList<>();
        }
        counts.add(new CountKey(id, labels(one.labels())));
        continue;
      }
      int start = buffer.size();
      SampleLines.append(buffer, one.family().name(), one.labels(), one.value());
      if (buffer.size() - start > labelValueLength && hasLongValue(one, labelValueLength)) {
        // left out before its segment is begun, so that no segment is empty
        buffer.truncate(start);
        tooLong.accept(one);
        continue;
      }
      if (id != current) {
        current = id;
        segmentStart = lines;
        many.clear();
        firstLines[segments] = lines;
        index[2 * segments] = id;
        segments++;
      }
      long identity = LineIdentity.of(buffer.array(), start, buffer.size() - 1);
      if (twin(identity, segmentStart, lines)) {
        // the object has this series twice: the first is kept, the others counted as duplicates
        buffer.truncate(start);
        if (dropped == null) {
          dropped = new int[n];
        }
        dropped[segments - 1]++;
      } else {
        if (lines == identities.length) {
          identities = Arrays.copyOf(identities, lines * 2);
        }
        identities[lines++] = identity;
      }
      index[2 * segments - 1] = buffer.size();
    }
    firstLines[segments] = lines;
    Rendering rendering = new Rendering(buffer.toByteArray(), Arrays.copyOf(index, 2 * segments));
    return new RenderedObject(
        rendering,
        Arrays.copyOf(identities, lines),
        Arrays.copyOf(firstLines, segments + 1),
        dropped == null ? null : Arrays.copyOf(dropped, segments),
        counts);
  }

  private static boolean hasLongValue(Series one, int limit) {
    for (String value : one.labels().values()) {
      if (value.length() > limit) {
        return true;
      }
    }
    return false;
  }

  /** True when the name being rendered already has a line of this identity. */
  private boolean twin(long identity, int from, int to) {
    if (to - from < LINEAR_SEARCH) {
      for (int i = from; i < to; i++) {
        if (identities[i] == identity) {
          return true;
        }
      }
      return false;
    }
    if (many.isEmpty()) {
      for (int i = from; i < to; i++) {
        many.add(identities[i]);
      }
    }
    return !many.add(identity);
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
