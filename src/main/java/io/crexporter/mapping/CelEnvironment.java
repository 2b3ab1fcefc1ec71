package io.crexporter.mapping;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelListsExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import java.util.EnumSet;

/**
 * The one CEL environment of every mapping: the variables an expression sees, the libraries it may
 * call and the limits that keep any expression from stalling ingestion.
 */
final class CelEnvironment {

  static final String OBJECT = "object";
  static final String ELEMENT = "element";
  static final String PARENTS = "parents";

  /** Evaluation steps (each sub-expression evaluated is one) of one evaluation. */
  static final int MAX_STEPS = 100_000;

  /** Iterations of comprehensions ({@code map}, {@code filter}, {@code exists}...) in all. */
  static final int MAX_ITERATIONS = 10_000;

  /** Characters of a string, or items of a list or map, that one evaluation may build. */
  static final int MAX_VALUE_SIZE = 1 << 20;

  static final int MAX_EXPRESSION_LENGTH = 10_000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .comprehensionMaxIterations(MAX_ITERATIONS)
          .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
          .build();

  /**
   * String functions without {@code replace}: it is the one whose result can outgrow its inputs by
   * any factor in a single step, before a size check could see it.
   */
  private static final CelStringExtensions STRINGS =
      CelExtensions.strings(EnumSet.complementOf(EnumSet.of(CelStringExtensions.Function.REPLACE)));

  /**
   * List functions without {@code range}, which builds a list of any size in one step, and {@code
   * distinct}, whose time grows with the square of the list.
   */
  private static final CelListsExtensions LISTS =
      CelExtensions.lists(
          EnumSet.complementOf(
              EnumSet.of(CelListsExtensions.Function.RANGE, CelListsExtensions.Function.DISTINCT)));

  static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addCompilerLibraries(STRINGS, CelExtensions.math(OPTIONS), LISTS)
          .addRuntimeLibraries(STRINGS, CelExtensions.math(OPTIONS), LISTS)
          .addVar(OBJECT, MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar(ELEMENT, SimpleType.DYN)
          .addVar(PARENTS, ListType.create(SimpleType.DYN))
          .build();

  private CelEnvironment() {}
}
