package io.crexporter.mapping;

/** One exposed metric name with its help text and type, shared by every mapping that emits it. */
public record MetricFamily(String name, String help, MetricType type) {}
