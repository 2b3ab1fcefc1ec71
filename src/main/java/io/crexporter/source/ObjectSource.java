package io.crexporter.source;

import io.crexporter.mapping.CompiledConfig;

/** Something that feeds objects to the store and knows when it has delivered its initial state. */
public interface ObjectSource extends AutoCloseable {

  /** A short name for logs and metrics. */
  String name();

  /** Delivers the initial state and keeps delivering changes until closed. */
  void start();

  /** True once the initial state has been delivered. */
  boolean hasSynced();

  /**
   * A new configuration replaced {@code previous}; objects whose mapping changed must be delivered
   * again, since the store keeps only what the old mapping computed.
   */
  default void configChanged(CompiledConfig previous, CompiledConfig current) {}

  /** Stops delivering; what was delivered stays in the sink. */
  @Override
  void close();
}
