package io.crexporter.store;

import java.util.List;

/**
 * What the mapping made of one object, ready to store: its lines, and what the store needs to know
 * of them without reading them again.
 *
 * @param rendering the sample lines, grouped by metric name, no two of the same identity
 * @param identities the identity of each line, in order
 * @param firstLines for each segment the index of its first line, then the number of lines
 * @param dropped per segment, lines left out because the object had them twice; null when none
 * @param counts what the object adds to count metrics
 */
public record RenderedObject(
    Rendering rendering,
    long[] identities,
    int[] firstLines,
    int[] dropped,
    List<CountKey> counts) {}
