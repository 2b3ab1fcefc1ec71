package io.crexporter.store;

import java.util.List;

/**
 * What the mapping made of one object, ready to store: its lines, and what the store needs to know
 * of them without reading them again.
 *
 * @param rendering the sample lines, grouped by metric name, no two of the same identity
 * @param identities the identity of each line, in order
 * @param firstLines for each segment the index of its first line, then the number of lines
 * @param dropped per segment, lines left out because the object had them twice; null when none
 * @param counts what the object adds to count metrics
 */
public record RenderedObject(
    Rendering rendering,
    long[] identities,
    int[] firstLines,
    int[] dropped,
    List<CountKey> counts) {

  /** The same without the segments {@code refused} marks, and their lines. */
  RenderedObject without(boolean[] refused) {
    Rendering full = rendering;
    int kept = 0;
    int bytes = 0;
    int lineCount = 0;
    for (int segment = 0; segment < full.families(); segment++) {
      if (!refused[segment]) {
        kept++;
        bytes += full.end(segment) - full.start(segment);
        lineCount += firstLines[segment + 1] - firstLines[segment];
      }
    }
    byte[] lines = new byte[bytes];
    int[] index = new int[2 * kept];
    long[] keptIdentities = new long[lineCount];
    int[] keptFirstLines = new int[kept + 1];
    int[] keptDropped = dropped == null ? null : new int[kept];
    int at = 0;
    int line = 0;
    int k = 0;
    for (int segment = 0; segment < full.families(); segment++) {
      if (refused[segment]) {
        continue;
      }
      int length = full.end(segment) - full.start(segment);
      System.arraycopy(full.lines(), full.start(segment), lines, at, length);
      at += length;
      index[2 * k] = full.familyId(segment);
      index[2 * k + 1] = at;
      keptFirstLines[k] = line;
      int count = firstLines[segment + 1] - firstLines[segment];
      System.arraycopy(identities, firstLines[segment], keptIdentities, line, count);
      line += count;
      if (keptDropped != null) {
        keptDropped[k] = dropped[segment];
      }
      k++;
    }
    keptFirstLines[kept] = line;
    return new RenderedObject(
        new Rendering(lines, index), keptIdentities, keptFirstLines, keptDropped, counts);
  }
}
