package io.crexporter.mapping;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.exceptions.CelAttributeNotFoundException;
import dev.cel.common.exceptions.CelIndexOutOfBoundsException;
import dev.cel.common.types.CelKind;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A CEL expression compiled and type-checked once. It sees the object as {@code object}, the
 * current {@code each} element as {@code element} (the object without {@code each}) and the
 * elements enclosing it as {@code parents}, nearest first.
 */
public final class CelExpression {

  /** What an expression's result is used for, and so which result types it may have. */
  public enum Use {
    /** A sample value, a label value or a state: a scalar. */
    SCALAR(EnumSet.of(CelKind.BOOL, CelKind.INT, CelKind.UINT, CelKind.DOUBLE, CelKind.STRING)),
    /** What {@code each} iterates: a list, or a map. */
    ELEMENTS(EnumSet.of(CelKind.LIST, CelKind.MAP)),
    /** A star label: a map. */
    MAP(EnumSet.of(CelKind.MAP));

    private final Set<CelKind> kinds;

    Use(Set<CelKind> kinds) {
      this.kinds = kinds;
    }
  }

  private final String expression;
  private final CelRuntime.Program program;

  private CelExpression(String expression, CelRuntime.Program program) {
    this.expression = expression;
    this.program = program;
  }

  /**
   * Compiles and type-checks an expression.
   *
   * @throws IllegalArgumentException with a message fit for the user when it does not compile or
   *     its type does not fit {@code use}
   */
  public static CelExpression compile(String expression, Use use) {
    CelAbstractSyntaxTree ast;
    try {
      ast = CelEnvironment.CEL.compile(expression).getAst();
    } catch (CelValidationException e) {
      throw new IllegalArgumentException(
          "invalid CEL expression '" + expression + "': " + issues(e.getErrors()), e);
    }
    CelKind kind = ast.getResultType().kind();
    boolean timeValue =
        use == Use.SCALAR && (kind == CelKind.TIMESTAMP || kind == CelKind.DURATION);
    if (kind != CelKind.DYN && kind != CelKind.ANY && !use.kinds.contains(kind) && !timeValue) {
      throw new IllegalArgumentException(
          "the CEL expression '"
              + expression
              + "' gives a "
              + ast.getResultType().name()
              + "; expected "
              + use.kinds.stream()
                  .map(k -> k.name().toLowerCase(java.util.Locale.ROOT))
                  .collect(Collectors.joining(" or ")));
    }
    try {
      return new CelExpression(expression, CelEnvironment.CEL.createProgram(ast));
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException(
          "invalid CEL expression '" + expression + "': " + e.getMessage(), e);
    }
  }

  private static String issues(Collection<CelIssue> issues) {
    return issues.stream()
        .map(
            issue ->
                issue.getMessage()
                    + " (column "
                    + (issue.getSourceLocation().getColumn() + 1)
                    + ")")
        .collect(Collectors.joining("; "));
  }

  /**
   * The result for one object: empty when it reads a field, key or index the object does not have,
   * or gives null.
   *
   * @throws ExpressionFailure when it fails otherwise, or goes beyond its cost limit
   */
  public Optional<Object> evaluate(Object root, Object element) {
    Map<String, Object> variables =
        Map.of(
            CelEnvironment.OBJECT, CelValues.toCel(root),
            CelEnvironment.ELEMENT, CelValues.toCel(Nested.valueOf(element)),
            CelEnvironment.PARENTS, CelValues.toCel(Nested.parentsOf(element)));
    try {
      return CelValues.fromCel(program.trace(variables, new Budget()));
    } catch (CelEvaluationException e) {
      if (e.getCause() instanceof CelAttributeNotFoundException
          || e.getCause() instanceof CelIndexOutOfBoundsException) {
        return Optional.empty();
      }
      throw new ExpressionFailure(expression + ": " + e.getMessage());
    } catch (OverBudget e) {
      throw new ExpressionFailure(expression + ": " + e.getMessage());
    }
  }

  /** Counts the steps of one evaluation and the size of what it builds; stops it beyond either. */
  private static final class Budget implements CelEvaluationListener {
    private int steps;

    @Override
    public void callback(dev.cel.common.ast.CelExpr expr, Object value) {
      if (++steps > CelEnvironment.MAX_STEPS) {
        throw new OverBudget(
            "cost limit reached: more than " + CelEnvironment.MAX_STEPS + " evaluation steps");
      }
      int size =
          value instanceof String text
              ? text.length()
              : value instanceof Collection<?> items
                  ? items.size()
                  : value instanceof Map<?, ?> map ? map.size() : 0;
      if (size > CelEnvironment.MAX_VALUE_SIZE) {
        throw new OverBudget(
            "cost limit reached: a value of more than " + CelEnvironment.MAX_VALUE_SIZE + " items");
      }
    }
  }

  private static final class OverBudget extends RuntimeException {
    OverBudget(String message) {
      super(message, null, false, false);
    }
  }

  public String expression() {
    return expression;
  }

  @Override
  public String toString() {
    return "{cel: " + expression + "}";
  }

  /** Expressions are equal when written the same. */
  @Override
  public boolean equals(Object other) {
    return other instanceof CelExpression cel && cel.expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }
}
