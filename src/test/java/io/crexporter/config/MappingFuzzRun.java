package io.crexporter.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The long mapping-file fuzz: {@code bench/fuzz.sh} runs it after the object fuzz, FILES mutated
 * files in batches of 1,000 from SEED on. Not a test.
 */
public final class MappingFuzzRun {

  private MappingFuzzRun() {}

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    Path dir = Files.createTempDirectory("mapping-fuzz");
    MappingFuzz fuzz = new MappingFuzz();
    long start = System.nanoTime();
    int defects = 0;
    for (int done = 0, batch = 0; done < total; done += 1_000, batch++) {
      List<String> found = fuzz.run(seed + batch, Math.min(1_000, total - done), dir);
      found.forEach(System.out::println);
      defects += found.size();
    }
    System.out.printf(
        Locale.ROOT,
        "mapping files=%d defects=%d seconds=%.1f%n",
        total,
        defects,
        (System.nanoTime() - start) / 1e9);
    System.exit(defects == 0 ? 0 : 1);
  }
}
