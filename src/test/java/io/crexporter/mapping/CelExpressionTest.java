package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CEL expressions: what they see, what they give, what is refused at load and at run time. */
class CelExpressionTest {

  private static Map<String, Object> object() {
    Map<String, Object> status = new HashMap<>();
    status.put("int", 3);
    status.put("long", 4L);
    status.put("big", new BigInteger("12345678901234567890"));
    status.put("decimal", new BigDecimal("2.5"));
    status.put("float", 1.5f);
    status.put("none", null);
    status.put("list", new ArrayList<>(List.of(1, 2, 3)));
    status.put("phase", "Running");
    Map<String, Object> root = new HashMap<>();
    root.put("status", status);
    root.put("kind", "Thing");
    return root;
  }

  static Stream<Arguments> results() {
    return Stream.of(
        Arguments.of("object.status.int + 1", Optional.of(4L)),
        Arguments.of("object.status.long * 2", Optional.of(8L)),
        Arguments.of("object.status.big > 1.0e19", Optional.of(true)),
        Arguments.of("object.status.decimal * 2.0", Optional.of(5.0)),
        Arguments.of("object.status.float + 0.5", Optional.of(2.0)),
        Arguments.of("object.status.none", Optional.empty()),
        Arguments.of("object.status.missing", Optional.empty()),
        Arguments.of("object.status.list[7]", Optional.empty()),
        Arguments.of("object.status.list.map(x, x * 10)[2]", Optional.of(30L)),
        Arguments.of("size(object.status.list)", Optional.of(3L)),
        Arguments.of("object.status.phase.lowerAscii()", Optional.of("running")),
        Arguments.of("object.status.phase.matches('^Run')", Optional.of(true)),
        Arguments.of("math.greatest(object.status.int, 7)", Optional.of(7L)),
        Arguments.of("element.kind", Optional.of("Thing")),
        Arguments.of("size(parents)", Optional.of(0L)),
        Arguments.of("duration('90s')", Optional.of(90.0)),
        Arguments.of("timestamp('1970-01-01T00:01:00Z')", Optional.of(60.0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("results")
  void results(String expression, Optional<Object> expected) {
    Map<String, Object> root = object();
    assertEquals(
        expected, CelExpression.compile(expression, CelExpression.Use.SCALAR).evaluate(root, root));
  }

  @Test
  void aNestedElementSeesItsParentsNearestFirst() {
    Map<String, Object> outer = Map.of("name", "outer");
    Map<String, Object> inner = Map.of("name", "inner");
    Nested element = new Nested(Map.of("name", "leaf"), List.of(inner, outer));
    CelExpression cel =
        CelExpression.compile(
            "element.name + '/' + parents[0].name + '/' + parents[1].name",
            CelExpression.Use.SCALAR);
    assertEquals(Optional.of("leaf/inner/outer"), cel.evaluate(object(), element));
  }

  static Stream<Arguments> refusedAtLoad() {
    return Stream.of(
        Arguments.of("object.status.", CelExpression.Use.SCALAR, "column 15"),
        Arguments.of(
            "object.status.x.foo()", CelExpression.Use.SCALAR, "undeclared reference to 'foo'"),
        Arguments.of("unknown.x", CelExpression.Use.SCALAR, "undeclared reference to 'unknown'"),
        Arguments.of("'a' + 1", CelExpression.Use.SCALAR, "no matching overload"),
        Arguments.of("[1, 2]", CelExpression.Use.SCALAR, "gives a list"),
        Arguments.of("{'a': 1}", CelExpression.Use.SCALAR, "gives a map"),
        Arguments.of("'text'", CelExpression.Use.ELEMENTS, "expected list or map"),
        Arguments.of("[1]", CelExpression.Use.MAP, "expected map"),
        Arguments.of(
            "'a'.replace('a', 'aa')",
            CelExpression.Use.SCALAR,
            "undeclared reference to 'replace'"),
        Arguments.of(
            "lists.range(100000000)", CelExpression.Use.ELEMENTS, "undeclared reference to"),
        Arguments.of(
            "[3, 1].distinct()", CelExpression.Use.ELEMENTS, "undeclared reference to 'distinct'"),
        Arguments.of(
            "x".repeat(CelEnvironment.MAX_EXPRESSION_LENGTH + 1),
            CelExpression.Use.SCALAR,
            "size"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedAtLoad")
  void refusedAtLoad(String expression, CelExpression.Use use, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CelExpression.compile(expression, use));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void stepsBeyondTheCostLimitStopTheEvaluation() {
    // under the iteration limit, over the step limit: each item costs a dozen steps
    Map<String, Object> root =
        Map.of("items", new ArrayList<>(java.util.Collections.nCopies(9_000, 1)));
    CelExpression cel =
        CelExpression.compile(
            "object.items.map(a, a + a + a + a + a + a + a + a + a + a + a + a).size()",
            CelExpression.Use.SCALAR);
    ExpressionFailure failure =
        assertThrows(ExpressionFailure.class, () -> cel.evaluate(root, root));
    assertTrue(failure.getMessage().contains("cost limit"), failure.getMessage());
    // the same over fewer items is within it
    Map<String, Object> small =
        Map.of("items", new ArrayList<>(java.util.Collections.nCopies(100, 1)));
    assertEquals(Optional.of(100L), cel.evaluate(small, small));
  }

  @Test
  void aValueGrownBeyondTheSizeLimitStopsTheEvaluation() {
    char[] chars = new char[CelEnvironment.MAX_VALUE_SIZE / 2 + 1];
    Arrays.fill(chars, 'a');
    Map<String, Object> root = Map.of("s", new String(chars));
    CelExpression cel =
        CelExpression.compile("size(object.s + object.s)", CelExpression.Use.SCALAR);
    ExpressionFailure failure =
        assertThrows(ExpressionFailure.class, () -> cel.evaluate(root, root));
    assertTrue(failure.getMessage().contains("cost limit"), failure.getMessage());
    CelExpression half = CelExpression.compile("size(object.s)", CelExpression.Use.SCALAR);
    assertEquals(Optional.of((long) chars.length), half.evaluate(root, root));
  }

  @Test
  void aRunTimeTypeErrorIsAFailureNotAnAbsence() {
    Map<String, Object> root = object();
    CelExpression cel = CelExpression.compile("object.status.phase + 1", CelExpression.Use.SCALAR);
    ExpressionFailure failure =
        assertThrows(ExpressionFailure.class, () -> cel.evaluate(root, root));
    assertTrue(failure.getMessage().contains("object.status.phase + 1"), failure.getMessage());
  }
}
