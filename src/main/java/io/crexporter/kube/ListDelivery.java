package io.crexporter.kube;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Hands the objects of a list to a thread of their own, so that mapping them overlaps reading the
 * next ones from the API server, which is most of a list's time; a start-up of many objects is then
 * about as long as the API server takes to send them. At most {@link #CAPACITY} objects wait, so
 * memory stays bounded; {@link #finish()} returns once every object was delivered, in order.
 */
final class ListDelivery {

  static final int CAPACITY = 1024;

  /** Put after the last object: the thread ends. */
  private static final Map<String, Object> END = Map.of();

  private final BlockingQueue<Map<String, Object>> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private volatile RuntimeException failure;

  ListDelivery(String name, Consumer<Map<String, Object>> deliver) {
    thread =
        new Thread(
            () -> {
              try {
                for (Map<String, Object> object = take(); object != END; object = take()) {
                  deliver.accept(object);
                }
              } catch (RuntimeException e) {
                failure = e;
                queue.clear();
              }
            },
            "list delivery " + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues an object; waits while {@link #CAPACITY} are waiting already. */
  void accept(Map<String, Object> object) {
    if (failure != null) {
      throw failure;
    }
    put(object);
  }

  /**
   * Waits until every queued object was delivered and the thread ended.
   *
   * @throws RuntimeException what delivering an object threw, if anything did
   */
  void finish() {
    put(END);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void put(Map<String, Object> object) {
    while (thread.isAlive()) {
      try {
        queue.put(object);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while delivering a list", e);
      }
    }
  }

  private Map<String, Object> take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return END;
    }
  }
}
