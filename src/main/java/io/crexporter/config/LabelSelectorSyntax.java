package io.crexporter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Kubernetes label selector ({@code app=web,tier!=dev,env in (a,b),!legacy,n>3}) when the
 * mapping loads, so that a typo is a configuration error with its line rather than a request the
 * API server refuses later. The API server still parses it; nothing here selects anything.
 */
final class LabelSelectorSyntax {

  private static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
  private static final String PREFIX =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final Pattern KEY = Pattern.compile("(" + PREFIX + "/)?" + NAME);
  private static final Pattern VALUE = Pattern.compile("(" + NAME + ")?");
  private static final Pattern EQUALITY =
      Pattern.compile("\\s*([^\\s!=]+)\\s*(==|=|!=)\\s*(\\S*)\\s*");
  private static final Pattern SET =
      Pattern.compile("\\s*(\\S+)\\s+(in|notin)\\s*\\(([^()]*)\\)\\s*");
  private static final Pattern COMPARISON =
      Pattern.compile("\\s*([^\\s<>]+)\\s*[<>]\\s*(-?\\d+)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([^\\s!=(),<>]+)\\s*");

  private LabelSelectorSyntax() {}

  /** What is wrong with the selector, or empty when the API server would accept it. */
  static Optional<String> problem(String selector) {
    for (String requirement : requirements(selector)) {
      Optional<String> problem = requirementProblem(requirement);
      if (problem.isPresent()) {
        return Optional.of("invalid label selector '" + selector + "': " + problem.get());
      }
    }
    return Optional.empty();
  }

  /** The requirements, split at commas outside parentheses. */
  private static List<String> requirements(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(selector.substring(start));
    return parts;
  }

  private static Optional<String> requirementProblem(String requirement) {
    if (requirement.isBlank()) {
      return Optional.of("an empty requirement (two commas, or one at an end)");
    }
    Matcher set = SET.matcher(requirement);
    if (set.matches()) {
      return keyProblem(set.group(1)).or(() -> valuesProblem(set.group(3)));
    }
    Matcher equality = EQUALITY.matcher(requirement);
    if (equality.matches()) {
      return keyProblem(equality.group(1)).or(() -> valueProblem(equality.group(3)));
    }
    Matcher comparison = COMPARISON.matcher(requirement);
    if (comparison.matches()) {
      return keyProblem(comparison.group(1));
    }
    Matcher exists = EXISTS.matcher(requirement);
    if (exists.matches()) {
      return keyProblem(exists.group(2));
    }
    return Optional.of(
        "'"
            + requirement.trim()
            + "' is not key, !key, key=value, key!=value, key in (a,b), key notin (a,b), key>n or"
            + " key<n");
  }

  private static Optional<String> valuesProblem(String values) {
    if (values.isBlank()) {
      return Optional.of("'in' and 'notin' need at least one value");
    }
    for (String value : values.split(",", -1)) {
      Optional<String> problem = valueProblem(value.trim());
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> keyProblem(String key) {
    return KEY.matcher(key).matches() && key.length() <= 253 + 1 + 63
        ? Optional.empty()
        : Optional.of(
            "'"
                + key
                + "' is not a label key (an optional DNS prefix and '/', then up to 63 letters,"
                + " digits, '-', '_' or '.', starting and ending with a letter or digit)");
  }

  private static Optional<String> valueProblem(String value) {
    return VALUE.matcher(value).matches()
        ? Optional.empty()
        : Optional.of(
            "'"
                + value
                + "' is not a label value (up to 63 letters, digits, '-', '_' or '.', starting and"
                + " ending with a letter or digit)");
  }
}
