package io.crexporter.store;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.StampedLock;

/**
 * Every stored object that has series of one metric name, in blocks, and the identities of those
 * series: one object's line of an identity is exposed, the others wait as duplicates and take its
 * place when it goes. Changed by the store's writer only; scrapes read the blocks.
 */
public final class FamilyColumn {

  private final int id;
  private final String name;
  private volatile Block[] blocks = new Block[0];
  private final StampedLock membership = new StampedLock();
  private final ArrayDeque<Integer> withRoom = new ArrayDeque<>();
  private final LongHashSet exposed = new LongHashSet();
  private final LongObjectHashMap<ArrayDeque<StoredEntry>> waiting = new LongObjectHashMap<>();
  private volatile int series;
  private volatile int duplicates;

  FamilyColumn(int id, String name) {
    this.id = id;
    this.name = name;
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** Series exposed now. */
  public int series() {
    return series;
  }

  /** Series left out because another object, or the same, already exposes their identity. */
  public int duplicates() {
    return duplicates;
  }

  /** The blocks, for their versions and compressed copies; a scrape reads a {@link #snapshot}. */
  public List<Block> blocks() {
    return List.of(blocks);
  }

  /**
   * The members of every block at one moment: what one scrape writes of this metric. Taken as one,
   * so that an object that moves from one block to another while a scrape reads is written once,
   * not twice or never.
   */
  public List<Block.Snapshot> snapshot() {
    long stamp = membership.tryOptimisticRead();
    List<Block.Snapshot> snapshot = copy();
    if (!membership.validate(stamp) || !complete(snapshot)) {
      stamp = membership.readLock();
      try {
        snapshot = copy();
      } finally {
        membership.unlockRead(stamp);
      }
    }
    return snapshot;
  }

  private List<Block.Snapshot> copy() {
    Block[] current = blocks;
    List<Block.Snapshot> snapshot = new java.util.ArrayList<>(current.length);
    for (Block block : current) {
      snapshot.add(block.snapshot());
    }
    return snapshot;
  }

  /** An optimistic copy may have caught a member slot being emptied: then it is taken again. */
  private static boolean complete(List<Block.Snapshot> snapshot) {
    return snapshot.stream().allMatch(Block.Snapshot::complete);
  }

  /** Lines an object had twice, left out by the mapping: duplicates too. */
  void droppedWithin(int delta) {
    duplicates += delta;
  }

  /** Adds an object; returns its slot. */
  int add(StoredEntry entry) {
    long stamp = membership.writeLock();
    try {
      return addLocked(entry);
    } finally {
      membership.unlockWrite(stamp);
    }
  }

  private int addLocked(StoredEntry entry) {
    if (withRoom.isEmpty()) {
      Block[] grown = java.util.Arrays.copyOf(blocks, blocks.length + 1);
      grown[blocks.length] = new Block(id);
      blocks = grown;
      withRoom.push(blocks.length - 1);
    }
    int index = withRoom.peek();
    Block block = blocks[index];
    int position = block.add(entry);
    if (block.full()) {
      withRoom.pop();
    }
    return index * Block.CAPACITY + position;
  }

  /** Removes the object at {@code slot}; another object of its block may move into the slot. */
  void remove(int slot, SlotMoves moves) {
    int index = slot / Block.CAPACITY;
    Block block = blocks[index];
    boolean wasFull = block.full();
    StoredEntry moved;
    long stamp = membership.writeLock();
    try {
      moved = block.removeAt(slot % Block.CAPACITY);
    } finally {
      membership.unlockWrite(stamp);
    }
    if (moved != null) {
      moves.moved(moved, this, slot);
    }
    if (wasFull) {
      withRoom.push(index);
    }
  }

  /** The lines of the object at {@code slot} changed. */
  void changed(int slot) {
    blocks[slot / Block.CAPACITY].changed();
  }

  /** Receives an object whose slot in a column changed. */
  interface SlotMoves {
    void moved(StoredEntry entry, FamilyColumn column, int newSlot);
  }

  /**
   * An object has a line of this identity: exposed if no other object exposes it, otherwise
   * suppressed until the one that does goes. Returns true when exposed.
   */
  boolean claim(long identity, StoredEntry entry) {
    if (exposed.add(identity)) {
      series++;
      return true;
    }
    ArrayDeque<StoredEntry> queue = waiting.get(identity);
    if (queue == null) {
      queue = new ArrayDeque<>(2);
      waiting.put(identity, queue);
    }
    queue.add(entry);
    entry.suppress(identity);
    duplicates++;
    return false;
  }

  /**
   * An object no longer has a line of this identity. Returns the object whose waiting line is now
   * exposed in its place, or null.
   */
  StoredEntry release(long identity, StoredEntry entry) {
    ArrayDeque<StoredEntry> queue = waiting.get(identity);
    if (entry.suppresses(identity)) {
      entry.unsuppress(identity);
      queue.remove(entry);
      if (queue.isEmpty()) {
        waiting.remove(identity);
      }
      duplicates--;
      return null;
    }
    if (queue == null) {
      exposed.remove(identity);
      series--;
      return null;
    }
    StoredEntry next = queue.poll();
    if (queue.isEmpty()) {
      waiting.remove(identity);
    }
    next.unsuppress(identity);
    duplicates--;
    return next;
  }
}
