package io.crexporter.store;

import java.util.Arrays;

/**
 * The sample lines of one object, exposition-ready, grouped by metric name: one segment a family,
 * families in ascending id order. Immutable.
 *
 * <p>{@code index} holds pairs: a family id, then the offset where its segment ends; a segment
 * starts where the previous one ends.
 */
public final class Rendering {

  public static final Rendering EMPTY = new Rendering(new byte[0], new int[0]);

  private final byte[] lines;
  private final int[] index;

  public Rendering(byte[] lines, int[] index) {
    this.lines = lines;
    this.index = index;
  }

  byte[] lines() {
    return lines;
  }

  /** A copy of the lines, for tools and tests. */
  public byte[] copyOfLines() {
    return lines.clone();
  }

  public int families() {
    return index.length / 2;
  }

  public int familyId(int segment) {
    return index[2 * segment];
  }

  public int start(int segment) {
    return segment == 0 ? 0 : index[2 * segment - 1];
  }

  public int end(int segment) {
    return index[2 * segment + 1];
  }

  /** The segment of a family, or -1 when the object has no series of it. */
  int find(int familyId) {
    for (int segment = 0; segment < index.length / 2; segment++) {
      if (index[2 * segment] == familyId) {
        return segment;
      }
    }
    return -1;
  }

  /** True when {@code other} holds exactly these lines. */
  boolean sameAs(Rendering other) {
    return Arrays.equals(index, other.index) && Arrays.equals(lines, other.lines);
  }

  /** True when segment {@code mine} holds the same bytes as segment {@code theirs} of another. */
  boolean sameSegment(int mine, Rendering other, int theirs) {
    return Arrays.equals(
        lines, start(mine), end(mine), other.lines, other.start(theirs), other.end(theirs));
  }

  /** Bytes of all segments, for memory accounting. */
  public int size() {
    return lines.length;
  }
}
