package io.crexporter.exposition;

import io.crexporter.render.LineBuffer;
import io.crexporter.store.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The blocks of stored lines of one metric in a gzip response, each sent as its gzip member. A
 * block's member is reused while the block is unchanged; otherwise it is made by the compression
 * threads, one per core, a few blocks ahead of the one being written, so that a scrape after many
 * changes compresses on every core.
 */
final class BlockMembers {

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** Blocks compressed ahead of the one being written. */
  private static final int AHEAD = 4 * CORES;

  private static final ExecutorService COMPRESSORS =
      Executors.newFixedThreadPool(
          CORES,
          task -> {
            Thread thread = new Thread(task, "gzip");
            thread.setDaemon(true);
            return thread;
          });

  private static final ThreadLocal<LineBuffer> LINES =
      ThreadLocal.withInitial(() -> new LineBuffer(64 * 1024));

  private BlockMembers() {}

  /** Writes the members of one metric's blocks, in order. */
  static void write(List<Block.Snapshot> blocks, GzipMembers gzip) throws IOException {
    ArrayDeque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
    int scheduled = 0;
    for (int written = 0; written < blocks.size(); written++) {
      while (ahead.size() < AHEAD && scheduled < blocks.size()) {
        ahead.add(member(blocks.get(scheduled++)));
      }
      byte[] member = join(ahead.poll());
      if (member.length > 0) {
        gzip.writeMember(member);
      }
    }
  }

  /** The block's member: the one made before if nothing changed since, else one made now. */
  private static CompletableFuture<byte[]> member(Block.Snapshot block) {
    byte[] cached = block.cached();
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return CompletableFuture.supplyAsync(() -> compress(block), COMPRESSORS);
  }

  private static byte[] compress(Block.Snapshot block) {
    LineBuffer lines = LINES.get();
    lines.reset();
    try {
      block.write(lines::append);
      byte[] member =
          lines.size() == 0 ? new byte[0] : GzipMembers.member(lines.array(), 0, lines.size());
      block.cache(member);
      return member;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] join(CompletableFuture<byte[]> member) throws IOException {
    try {
      return member.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compressing", e);
    } catch (ExecutionException e) {
      throw new IOException("could not compress a block", e.getCause());
    }
  }
}
