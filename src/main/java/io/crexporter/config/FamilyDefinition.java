package io.crexporter.config;

import io.crexporter.mapping.MetricFamily;

/** Where a metric family was defined, to report conflicts between definitions. */
public record FamilyDefinition(MetricFamily family, SourceLocation where) {}
