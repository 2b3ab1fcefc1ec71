package io.crexporter.store;

/**
 * One unit an object adds to a count metric: the family's id and the series' labels, rendered as in
 * a sample line ({@code {a="x",b="y"}}, or empty without labels).
 */
public record CountKey(int family, String labels) {}
