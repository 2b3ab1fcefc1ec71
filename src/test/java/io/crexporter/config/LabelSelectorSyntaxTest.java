package io.crexporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label selectors the API server accepts pass; others are named with what is wrong. */
class LabelSelectorSyntaxTest {

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "env=prod|",
        "env==prod|",
        "env!=prod|",
        "env=|",
        "app.kubernetes.io/part-of=shop|",
        "team in (a, b),tier notin (dev)|",
        "env,!legacy|",
        " env = prod , tier != dev |",
        "a.b-c_d=x.y-z_1|",
        "env=prod,,tier=a|an empty requirement (two commas, or one at an end)",
        "env=prod,|an empty requirement (two commas, or one at an end)",
        "env=pro d|'env=pro d' is not key, !key, key=value, key!=value, key in (a,b), key notin"
            + " (a,b), key>n or key<n",
        "-env=prod|'-env' is not a label key",
        "Example.com/env=prod|'Example.com/env' is not a label key",
        "env=-prod|'-prod' is not a label value",
        "env in ()|'in' and 'notin' need at least one value",
        "env in (a,-b)|'-b' is not a label value",
        "replicas<3,generation > 10|",
        "env<x|'env<x' is not key, !key, key=value, key!=value, key in (a,b), key notin (a,b),"
            + " key>n or key<n",
      })
  void checks(String selector, String expected) {
    Optional<String> problem = LabelSelectorSyntax.problem(selector);
    if (expected == null) {
      assertEquals(Optional.empty(), problem);
    } else {
      assertEquals(true, problem.isPresent(), selector);
      assertEquals(
          true,
          problem.get().startsWith("invalid label selector '" + selector + "': " + expected),
          problem.get());
    }
  }
}
