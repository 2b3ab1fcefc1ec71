package io.crexporter.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * The body of a scripted watch, written in HTTP/1.1 chunks as the API server streams a watch: event
 * lines written when the test sends them, until the test ends the watch cleanly, breaks the
 * connection, or leaves it silent. Optionally a bookmark is written whenever nothing else was for a
 * while, as the API server keeps a quiet watch alive.
 */
final class WatchStream implements MockResponseBody {

  private static final String END = "\u0000end";
  private static final String BREAK = "\u0000break";

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final AtomicLong bookmarkVersion = new AtomicLong(1_000_000);
  private long bookmarkMillis;

  /** Writes a bookmark whenever nothing was written for {@code millis}. */
  WatchStream bookmarkEvery(long millis) {
    this.bookmarkMillis = millis;
    return this;
  }

  /** Writes these event lines, in order, now. */
  WatchStream send(String... events) {
    lines.addAll(java.util.List.of(events));
    return this;
  }

  /** Ends the response as the server does when a watch times out. */
  WatchStream end() {
    lines.add(END);
    return this;
  }

  /** Stops in the middle of the response, without its end: a connection that broke. */
  WatchStream breakOff() {
    lines.add(BREAK);
    return this;
  }

  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    sink.flush();
    while (true) {
      String line;
      try {
        line =
            bookmarkMillis > 0
                ? lines.poll(bookmarkMillis, TimeUnit.MILLISECONDS)
                : lines.poll(1, TimeUnit.DAYS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (line == null) {
        line = ScriptedApiServer.bookmark(Long.toString(bookmarkVersion.incrementAndGet()));
      }
      if (line.equals(END)) {
        sink.writeUtf8("0\r\n\r\n");
        sink.flush();
        return;
      }
      if (line.equals(BREAK)) {
        // half a chunk, then the connection goes
        sink.writeUtf8("ff\r\n{\"type\":");
        sink.flush();
        sink.close();
        throw new IOException("connection broken by the test");
      }
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n");
      sink.write(bytes).writeUtf8("\r\n");
      sink.flush();
    }
  }
}
