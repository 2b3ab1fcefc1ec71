package io.crexporter.ksm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The samples of a text exposition, read back into a name, labels and value each. */
final class Exposition {

  record Sample(String name, Map<String, String> labels, String value) {}

  private Exposition() {}

  static List<Sample> samples(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        samples.add(sample(line));
      }
    }
    return samples;
  }

  static List<Sample> samples(String text, String name) {
    return samples(text).stream().filter(sample -> sample.name().equals(name)).toList();
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.lastIndexOf(' ');
    if (brace < 0 || brace > space) {
      return new Sample(line.substring(0, space), Map.of(), line.substring(space + 1));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    int i = brace + 1;
    while (line.charAt(i) != '}') {
      int equals = line.indexOf("=\"", i);
      String label = line.substring(i, equals);
      StringBuilder value = new StringBuilder();
      int j = equals + 2;
      for (; line.charAt(j) != '"'; j++) {
        char c = line.charAt(j);
        if (c == '\\') {
          char escaped = line.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      labels.put(label, value.toString());
      i = line.charAt(j + 1) == ',' ? j + 2 : j + 1;
    }
    return new Sample(line.substring(0, brace), labels, line.substring(line.indexOf("} ", i) + 2));
  }
}
