package io.crexporter.store;

import java.io.IOException;
import java.util.concurrent.locks.StampedLock;

/**
 * Up to {@value #CAPACITY} objects of one family's column, in no particular order. The writer
 * changes a block in place under its write lock; a scrape copies the members optimistically and
 * reads them without locks, so that writers never wait for scrapes. The content version changes
 * with every change to what the block would write, so that a compressed copy made for one scrape
 * can be reused by the next while nothing changed.
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
  private final StampedLock lock = new StampedLock();
  private int size;
  private long version;
  private volatile Cached cached;

  Block(int familyId) {
    this.familyId = familyId;
  }

  /**
   * Writes the family's lines of every member and returns the content version they were read at: a
   * compressed copy of them may be cached under it.
   */
  public long write(LineSink sink) throws IOException {
    StoredEntry[] copy = new StoredEntry[CAPACITY];
    int count;
    long contentVersion;
    long stamp = lock.tryOptimisticRead();
    count = size;
    contentVersion = version;
    System.arraycopy(members, 0, copy, 0, count);
    if (!lock.validate(stamp)) {
      stamp = lock.readLock();
      try {
        count = size;
        contentVersion = version;
        System.arraycopy(members, 0, copy, 0, count);
      } finally {
        lock.unlockRead(stamp);
      }
    }
    // the renderings are read after the version: one replaced meanwhile is newer, never older
    for (int i = 0; i < count; i++) {
      Rendering rendering = copy[i].visible;
      int segment = rendering.find(familyId);
      if (segment >= 0 && rendering.end(segment) > rendering.start(segment)) {
        int start = rendering.start(segment);
        sink.write(rendering.lines(), start, rendering.end(segment) - start);
      }
    }
    return contentVersion;
  }

  /** The content version now. */
  public long version() {
    long stamp = lock.tryOptimisticRead();
    long current = version;
    if (!lock.validate(stamp)) {
      stamp = lock.readLock();
      try {
        current = version;
      } finally {
        lock.unlockRead(stamp);
      }
    }
    return current;
  }

  /** The compressed copy made for {@code contentVersion}, or null. */
  public byte[] cached(long contentVersion) {
    Cached copy = cached;
    return copy != null && copy.version() == contentVersion ? copy.bytes() : null;
  }

  public void cache(long contentVersion, byte[] bytes) {
    cached = new Cached(contentVersion, bytes);
  }

  /** Adds a member; returns its place. */
  int add(StoredEntry entry) {
    long stamp = lock.writeLock();
    try {
      members[size] = entry;
      version++;
      return size++;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  boolean full() {
    return size == CAPACITY;
  }

  /**
   * Removes the member at {@code index}, moving the last member into its place in the same step, so
   * that no scrape sees a member twice or misses one; returns the member moved, or null.
   */
  StoredEntry removeAt(int index) {
    long stamp = lock.writeLock();
    try {
      StoredEntry last = members[--size];
      members[size] = null;
      version++;
      if (index == size) {
        return null;
      }
      members[index] = last;
      return last;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** A member's lines changed: what the block writes is new. */
  void changed() {
    long stamp = lock.writeLock();
    try {
      version++;
    } finally {
      lock.unlockWrite(stamp);
    }
  }
}
