package io.crexporter.source;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The problems of one scan of the object files against those of the scan before, so that a problem
 * that lasts (a directory deleted, a file left broken) is logged once when it starts and once when
 * it ends, however often the files are scanned meanwhile.
 */
final class ScanProblems {

  private final Logger log;
  private Set<String> previous = new HashSet<>();
  private Set<String> current = new HashSet<>();

  ScanProblems(Logger log) {
    this.log = log;
  }

  /** Records a problem of this scan; true when the scan before did not have it. */
  boolean report(String message) {
    return current.add(message) && !previous.contains(message);
  }

  /** Ends a scan: problems it no longer has are over. */
  void endScan() {
    for (String over : previous) {
      if (!current.contains(over)) {
        log.info("resolved: {}", over);
      }
    }
    previous = current;
    current = new HashSet<>();
  }
}
