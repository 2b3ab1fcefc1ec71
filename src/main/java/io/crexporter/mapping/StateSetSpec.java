package io.crexporter.mapping;

import java.util.List;

/** The states of a stateset metric, where the current one is read, and the label naming it. */
public record StateSetSpec(ValueRef current, List<String> states, String label) {
  public StateSetSpec {
    states = List.copyOf(states);
  }
}
