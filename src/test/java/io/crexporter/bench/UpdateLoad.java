package io.crexporter.bench;

import io.crexporter.ingest.ObjectIngestor;
import io.crexporter.store.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Object changes at a steady rate, as watch events arrive: each sets the {@code generation} of one
 * object, chosen at random, to the next number of a sequence, and is recorded with its time, so
 * that a scraper can tell when it became visible.
 */
final class UpdateLoad implements AutoCloseable {

  /** One change: the object's name, the generation it was given, and when. */
  record Update(String name, long generation, long atNanos) {}

  private final List<Map<String, Object>> objects;
  private final ObjectIngestor ingestor;
  private final int perSecond;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Update> done = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;
  private long generation = 1_000_000;

  UpdateLoad(List<Map<String, Object>> objects, ObjectIngestor ingestor, int perSecond) {
    this.objects = objects;
    this.ingestor = ingestor;
    this.perSecond = perSecond;
    this.thread = new Thread(this::run, "updates");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    Random random = new Random(5);
    long interval = 1_000_000_000L / perSecond;
    long next = System.nanoTime();
    while (running) {
      Map<String, Object> object = objects.get(random.nextInt(objects.size()));
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
      long value = ++generation;
      long at = System.nanoTime();
      synchronized (object) {
        metadata.put("generation", value);
        ingestor.upsert(ObjectKey.of(object).orElseThrow(), object);
      }
      done.add(new Update((String) metadata.get("name"), value, at));
      next += interval;
      LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
    }
  }

  /** The changes made so far, each once: taken from here by whoever checks them. */
  ConcurrentLinkedQueue<Update> done() {
    return done;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
