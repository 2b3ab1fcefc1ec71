package io.crexporter.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM into an orderly stop done by the serving thread. The JVM halts as soon as its
 * shutdown hooks return, so the hook waits (bounded) until the serving thread says it is done.
 * Installed before anything is served, so that no signal finds the process without it.
 */
final class OrderedShutdown {

  /** Longest wait for an orderly stop before the JVM halts anyway. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final CountDownLatch signalled = new CountDownLatch(1);
  private final CountDownLatch completed = new CountDownLatch(1);

  private OrderedShutdown() {}

  static OrderedShutdown install() {
    OrderedShutdown shutdown = new OrderedShutdown();
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown::onSignal, "shutdown"));
    return shutdown;
  }

  private void onSignal() {
    signalled.countDown();
    try {
      completed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocks until the JVM is asked to stop. */
  void awaitSignal() throws InterruptedException {
    signalled.await();
  }

  /** The stop is done: the JVM may halt. */
  void completed() {
    completed.countDown();
  }
}
