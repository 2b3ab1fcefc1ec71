package io.crexporter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after garbage collection, to measure what a structure retains. */
final class HeapProbe {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapProbe() {}

  /**
   * Used heap after several full collections. One System.gc() is not always enough: objects with
   * finalizers or references cleared late survive the first cycle, so repeat until the number
   * settles.
   */
  static long usedAfterGc() {
    long previous = Long.MAX_VALUE;
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      sleep(100);
      used = MEMORY.getHeapMemoryUsage().getUsed();
      if (i >= 2 && Math.abs(previous - used) < 64 * 1024) {
        break;
      }
      previous = used;
    }
    return used;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
