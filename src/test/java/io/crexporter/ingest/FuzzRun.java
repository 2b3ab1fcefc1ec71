package io.crexporter.ingest;

import java.util.Locale;

/**
 * The long object fuzz: {@code bench/fuzz.sh [OBJECTS [SEED]]} (default a million objects, seed 1),
 * in batches of 100,000 with seeds SEED, SEED+1...; prints what each batch found. Not a test.
 */
public final class FuzzRun {

  private FuzzRun() {}

  public static void main(String[] args) throws Exception {
    long total = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    ObjectFuzz fuzz = new ObjectFuzz();
    long objects = 0;
    long evaluations = 0;
    long series = 0;
    long errors = 0;
    long defects = 0;
    long start = System.nanoTime();
    for (long batch = 0; objects < total; batch++) {
      int count = (int) Math.min(100_000, total - objects);
      ObjectFuzz.Findings found = fuzz.run(seed + batch, count);
      objects += count;
      evaluations += found.evaluations();
      series += found.series();
      errors += found.errors();
      defects += found.defects().size();
      found.defects().forEach(System.out::println);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "objects=%d seeds=%d..%d mappings=%d evaluations=%d series=%d evaluation_errors=%d"
            + " defects=%d seconds=%.1f objects_per_s=%.0f%n",
        objects,
        seed,
        seed + (total - 1) / 100_000,
        fuzz.configs(),
        evaluations,
        series,
        errors,
        defects,
        seconds,
        objects / seconds);
    System.exit(defects == 0 ? 0 : 1);
  }
}
