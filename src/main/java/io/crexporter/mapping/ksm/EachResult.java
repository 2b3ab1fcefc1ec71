package io.crexporter.mapping.ksm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What an {@code each} block yields for one object: its series and kube-state-metrics' errors. */
final class EachResult {

  /** One error, worded as kube-state-metrics words it; {@code missing} when nothing was there. */
  record Problem(boolean missing, String text) {}

  final List<EachValue> values = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();

  Map<String, String> add(double value) {
    Map<String, String> labels = new TreeMap<>();
    values.add(new EachValue(labels, value));
    return labels;
  }

  void invalid(String text) {
    problems.add(new Problem(false, text));
  }

  void missing(String text) {
    problems.add(new Problem(true, text));
  }
}
