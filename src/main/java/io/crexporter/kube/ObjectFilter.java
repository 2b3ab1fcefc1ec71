package io.crexporter.kube;

import java.util.Map;

/** Which objects of a stream are read whole, decided on their metadata alone. */
@FunctionalInterface
interface ObjectFilter {

  /** Every object. */
  ObjectFilter ALL = metadata -> true;

  boolean keeps(Map<?, ?> metadata);
}
