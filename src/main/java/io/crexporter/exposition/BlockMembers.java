package io.crexporter.exposition;

import io.crexporter.render.LineBuffer;
import io.crexporter.store.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The parts of one gzip response in order: text to compress as it is written (headers, counts, the
 * exporter's own metrics), and blocks of stored lines, each sent as its gzip member. A block's
 * member is reused while the block is unchanged; otherwise it is made by the compression threads,
 * one per core, a few blocks ahead of the one being written, so that a scrape after many changes
 * compresses on every core.
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

  /** A part: text, or (text null) a block. */
  private record Part(byte[] text, Block block) {}

  private final List<Part> parts = new ArrayList<>();
  private final List<Block> blocks = new ArrayList<>();

  void text(byte[] text) {
    parts.add(new Part(text, null));
  }

  void block(Block block) {
    parts.add(new Part(null, block));
    blocks.add(block);
  }

  void writeTo(GzipMembers gzip) throws IOException {
    ArrayDeque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
    int scheduled = 0;
    for (Part part : parts) {
      if (part.text() != null) {
        gzip.write(part.text());
        continue;
      }
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
  private static CompletableFuture<byte[]> member(Block block) {
    byte[] cached = block.cached(block.version());
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return CompletableFuture.supplyAsync(() -> compress(block), COMPRESSORS);
  }

  private static byte[] compress(Block block) {
    LineBuffer lines = LINES.get();
    lines.reset();
    try {
      long version = block.write(lines::append);
      byte[] member =
          lines.size() == 0 ? new byte[0] : GzipMembers.member(lines.array(), 0, lines.size());
      block.cache(version, member);
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
