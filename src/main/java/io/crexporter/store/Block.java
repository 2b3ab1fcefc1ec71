package io.crexporter.store;

import java.io.IOException;

/**
 * Up to {@value #CAPACITY} objects of one family's column, in no particular order. Its members
 * change only under its column's membership lock; a scrape reads them through a {@link Snapshot}
 * taken of the whole column at once. The content version changes with every change to what the
 * block would write, so that a compressed copy made for one scrape can be reused by the next while
 * nothing changed.
 */
public final class Block {

  static final int CAPACITY = 256;

  /** Receives the bytes of sample lines. */
  public interface LineSink {
    void write(byte[] bytes, int from, int length) throws IOException;
  }

  /** A compressed copy of the block's lines, for the content version it was made from. */
  private record Cached(long version, byte[] bytes) {}

  private final int familyId;
  private final StoredEntry[] members = new StoredEntry[CAPACITY];
  private int size;
  private volatile long version;
  private volatile Cached cached;

  Block(int familyId) {
    this.familyId = familyId;
  }

  /**
   * The members of a block at one moment, and its content version then: what a scrape writes. The
   * renderings are read when written, after the version: one replaced meanwhile is newer, never
   * older, than the version says.
   */
  public static final class Snapshot {
    private final Block block;
    private final StoredEntry[] members;
    private final long version;

    private Snapshot(Block block, StoredEntry[] members, long version) {
      this.block = block;
      this.members = members;
      this.version = version;
    }

    /** False when an optimistic copy caught an emptied slot. */
    boolean complete() {
      for (StoredEntry member : members) {
        if (member == null) {
          return false;
        }
      }
      return true;
    }

    /** The content version the members were read at. */
    public long version() {
      return version;
    }

    /** Writes the family's lines of every member. */
    public void write(LineSink sink) throws IOException {
      int familyId = block.familyId;
      for (StoredEntry member : members) {
        Rendering rendering = member.visible;
        int segment = rendering.find(familyId);
        if (segment >= 0 && rendering.end(segment) > rendering.start(segment)) {
          int start = rendering.start(segment);
          sink.write(rendering.lines(), start, rendering.end(segment) - start);
        }
      }
    }

    /** The compressed copy made for this version, or null. */
    public byte[] cached() {
      Cached copy = block.cached;
      return copy != null && copy.version() == version ? copy.bytes() : null;
    }

    /** Keeps a compressed copy of what {@link #write} writes, for this version. */
    public void cache(byte[] bytes) {
      block.cached = new Cached(version, bytes);
    }
  }

  /** Copies the members, under the column's lock or an optimistic read of it. */
  Snapshot snapshot() {
    long current = version;
    StoredEntry[] copy = java.util.Arrays.copyOf(members, size);
    return new Snapshot(this, copy, current);
  }

  /** The content version now. */
  public long version() {
    return version;
  }

  boolean full() {
    return size == CAPACITY;
  }

  /** Adds a member; returns its place. Under the column's membership lock. */
  int add(StoredEntry entry) {
    members[size] = entry;
    version++;
    return size++;
  }

  /**
   * Removes the member at {@code index}, moving the last member into its place; returns the member
   * moved, or null. Under the column's membership lock.
   */
  StoredEntry removeAt(int index) {
    StoredEntry last = members[--size];
    members[size] = null;
    version++;
    if (index == size) {
      return null;
    }
    members[index] = last;
    return last;
  }

  /** A member's lines changed: what the block writes is new. */
  void changed() {
    version++;
  }
}
