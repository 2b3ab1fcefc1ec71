package io.crexporter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Mapping files mutated at random (lines removed, repeated, swapped, re-indented, characters and
 * hostile tokens put in) and loaded as {@code validate} loads them: each must load, or be refused
 * with problems that each name their file; anything else thrown is a defect.
 */
final class MappingFuzz {

  private static final List<String> TOKENS =
      List.of(
          "",
          ":",
          "- ",
          "[",
          "]",
          "{",
          "}",
          "&a ",
          "*a",
          "<<: *a",
          "'",
          "\"",
          "\\",
          "\t",
          "$.",
          "$..*",
          "@",
          "$.x[",
          "$.x.foo()",
          "~",
          "null",
          "-1",
          "1e999",
          "!!binary ",
          "!!python/object ",
          "type: ",
          "each: ",
          "metrics:",
          "labels: {\"*\": $.metadata}",
          "\u0000",
          "\uFEFF");

  private final List<String> sources = new ArrayList<>();

  MappingFuzz() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> shipped = Files.list(Path.of("config"));
        Stream<Path> ksm = Files.list(Path.of("src/test/resources/ksm/configs"))) {
      shipped.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
      ksm.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
    }
    // expressions, fallbacks, value maps and nested each
    files.add(Path.of("src/test/resources/language/features.yaml"));
    for (Path file : files) {
      sources.add(Files.readString(file));
    }
  }

  /** Defects found in {@code count} mutated files from {@code seed}. */
  List<String> run(long seed, int count, Path dir) throws IOException {
    Random random = new Random(seed);
    List<String> defects = new ArrayList<>();
    Path file = dir.resolve("fuzzed-" + seed + ".yaml");
    for (int i = 0; i < count && defects.size() < 10; i++) {
      String text = mutate(sources.get(random.nextInt(sources.size())), random);
      Files.writeString(file, text);
      try {
        ConfigLoader.load(List.of(file));
      } catch (InvalidConfigException e) {
        for (ConfigProblem problem : e.problems()) {
          if (problem.location() == null
              || !problem.location().file().equals(file.toString())
              || problem.message() == null
              || problem.message().isBlank()) {
            defects.add("seed " + seed + " file " + i + ": unlocated problem " + problem);
          }
        }
      } catch (RuntimeException | StackOverflowError e) {
        defects.add("seed " + seed + " file " + i + ": escaped " + e + "\n" + text);
      }
    }
    return defects;
  }

  private static String mutate(String source, Random random) {
    List<String> lines = new ArrayList<>(List.of(source.split("\n", -1)));
    int mutations = 1 + random.nextInt(5);
    for (int m = 0; m < mutations && !lines.isEmpty(); m++) {
      int at = random.nextInt(lines.size());
      switch (random.nextInt(6)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
        case 2 -> {
          int other = random.nextInt(lines.size());
          String line = lines.get(at);
          lines.set(at, lines.get(other));
          lines.set(other, line);
        }
        case 3 -> lines.set(at, " ".repeat(random.nextInt(8)) + lines.get(at).stripLeading());
        case 4 -> {
          String line = lines.get(at);
          int position = line.isEmpty() ? 0 : random.nextInt(line.length());
          lines.set(
              at,
              line.substring(0, position)
                  + TOKENS.get(random.nextInt(TOKENS.size()))
                  + line.substring(position));
        }
        default -> {
          String line = lines.get(at);
          int colon = line.indexOf(": ");
          if (colon > 0) {
            lines.set(at, line.substring(0, colon + 2) + TOKENS.get(random.nextInt(TOKENS.size())));
          }
        }
      }
    }
    return String.join("\n", lines);
  }
}
