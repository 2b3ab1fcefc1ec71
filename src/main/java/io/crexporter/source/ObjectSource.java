package io.crexporter.source;

/** Something that feeds objects to the store and knows when it has delivered its initial state. */
public interface ObjectSource extends AutoCloseable {

  /** A short name for logs and metrics. */
  String name();

  /** Delivers the initial state and keeps delivering changes until closed. */
  void start();

  /** True once the initial state has been delivered. */
  boolean hasSynced();

  @Override
  void close();
}
