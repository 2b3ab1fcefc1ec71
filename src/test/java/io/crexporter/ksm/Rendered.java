package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crexporter.mapping.ksm.GoText;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text exposition {@code render} prints, with sample values spelled as kube-state-metrics
 * spells them ({@code 1} where the exposition library writes {@code 1.0}), so that it can be
 * compared byte for byte with kube-state-metrics' output. Everything else is left as printed.
 */
final class Rendered {

  private static final Pattern SAMPLE = Pattern.compile("^([^#].*[}a-zA-Z0-9_]) (\\S+)$");

  private Rendered() {}

  static String render(Path config, Path... objects) {
    String[] args = new String[2 + 2 * objects.length];
    args[0] = "render";
    args[1] = "--config=" + config;
    for (int i = 0; i < objects.length; i++) {
      args[2 + 2 * i] = "--objects";
      args[3 + 2 * i] = objects[i].toString();
    }
    Cli.Result result = Cli.run(args);
    assertEquals(0, result.status(), result.err());
    return ksmValues(result.out());
  }

  static String ksmValues(String text) {
    StringBuilder result = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      Matcher sample = SAMPLE.matcher(line);
      if (sample.matches()) {
        double value = Double.parseDouble(sample.group(2).replace("Inf", "Infinity"));
        result.append(sample.group(1)).append(' ').append(GoText.formatFloat(value));
      } else {
        result.append(line);
      }
      result.append('\n');
    }
    return result.substring(0, result.length() - 1);
  }

  static List<String> samples(String text) {
    return Arrays.stream(text.split("\n"))
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .sorted()
        .toList();
  }
}
