package io.crexporter.store;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;

/** The lines of one segment of a rendering, and their identities. */
final class Segments {

  private Segments() {}

  /** The identities of the lines of segment {@code segment}, in order. */
  static LongArrayList identities(Rendering rendering, int segment) {
    LongArrayList identities = new LongArrayList();
    byte[] lines = rendering.lines();
    int start = rendering.start(segment);
    int end = rendering.end(segment);
    for (int from = start; from < end; ) {
      int to = lineEnd(lines, from, end);
      identities.add(LineIdentity.of(lines, from, to));
      from = to + 1;
    }
    return identities;
  }

  /** How many lines segment {@code segment} has. */
  static int lineCount(Rendering rendering, int segment) {
    byte[] lines = rendering.lines();
    int count = 0;
    for (int i = rendering.start(segment); i < rendering.end(segment); i++) {
      if (lines[i] == '\n') {
        count++;
      }
    }
    return count;
  }

  /** {@code identities[from, to)}. */
  static LongArrayList slice(long[] identities, int from, int to) {
    LongArrayList slice = new LongArrayList(to - from);
    slice.add(identities, from, to - from);
    return slice;
  }

  static LongHashSet asSet(LongArrayList identities) {
    LongHashSet set = new LongHashSet(identities.size());
    set.addAll(identities);
    return set;
  }

  /**
   * {@code full} without the lines whose identity {@code suppressed} holds, with the same segments
   * (some possibly empty).
   */
  static Rendering without(Rendering full, LongHashSet suppressed) {
    byte[] lines = full.lines();
    byte[] kept = new byte[lines.length];
    int[] index = new int[full.families() * 2];
    int size = 0;
    for (int segment = 0; segment < full.families(); segment++) {
      int end = full.end(segment);
      for (int from = full.start(segment); from < end; ) {
        int to = lineEnd(lines, from, end);
        if (!suppressed.contains(LineIdentity.of(lines, from, to))) {
          System.arraycopy(lines, from, kept, size, to + 1 - from);
          size += to + 1 - from;
        }
        from = to + 1;
      }
      index[2 * segment] = full.familyId(segment);
      index[2 * segment + 1] = size;
    }
    return new Rendering(java.util.Arrays.copyOf(kept, size), index);
  }

  /** Where the line starting at {@code from} ends: its newline. */
  private static int lineEnd(byte[] lines, int from, int end) {
    int to = from;
    while (to < end && lines[to] != '\n') {
      to++;
    }
    return to;
  }
}
