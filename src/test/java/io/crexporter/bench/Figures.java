package io.crexporter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one benchmark run, each with what it is compared to, their ratio and the
 * requirement, printed as one table at the end.
 */
final class Figures {

  /**
   * One row.
   *
   * @param measured the figure, with its unit
   * @param reference what it is compared to, with its unit; empty when it stands alone
   * @param ratio measured over reference, or NaN
   * @param required the requirement, in words
   * @param met whether the requirement is met
   */
  record Figure(
      String name, String measured, String reference, double ratio, String required, boolean met) {}

  private final List<Figure> rows = new ArrayList<>();

  void add(
      String name, String measured, String reference, double ratio, String required, boolean met) {
    Figure figure = new Figure(name, measured, reference, ratio, required, met);
    rows.add(figure);
    System.out.println(line(figure));
  }

  void print(String title) {
    System.out.println();
    System.out.println(title);
    System.out.printf(
        Locale.ROOT,
        "%-44s %-22s %-30s %7s  %-30s %s%n",
        "figure",
        "measured",
        "compared to",
        "ratio",
        "required",
        "");
    rows.forEach(row -> System.out.println(line(row)));
    System.out.println();
    System.out.println("as a Markdown table:");
    rows.forEach(row -> System.out.println(markdown(row)));
  }

  private static String markdown(Figure row) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %s | %s |",
        row.name(),
        row.measured(),
        row.reference(),
        Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "%.2f×", row.ratio()),
        row.required() + (row.met() ? ": met" : ": **not met**"));
  }

  private static String line(Figure row) {
    return String.format(
        Locale.ROOT,
        "%-44s %-22s %-30s %7s  %-30s %s",
        row.name(),
        row.measured(),
        row.reference(),
        Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "%.2fx", row.ratio()),
        row.required(),
        row.met() ? "met" : "NOT MET");
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
