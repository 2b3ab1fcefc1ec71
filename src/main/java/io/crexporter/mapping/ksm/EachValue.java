package io.crexporter.mapping.ksm;

import java.util.Map;

/** One series an {@code each} block yields before the family's labels are added. */
record EachValue(Map<String, String> labels, double value) {}
