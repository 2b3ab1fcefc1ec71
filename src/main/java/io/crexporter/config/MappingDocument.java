package io.crexporter.config;

import io.crexporter.mapping.ResourceMapping;
import java.util.List;

/**
 * What one configuration file contributes, before checks across files.
 *
 * @param locations where each of {@code resources} was defined, in the same order
 */
public record MappingDocument(
    List<ResourceMapping> resources,
    List<SourceLocation> locations,
    List<FamilyDefinition> families) {
  public MappingDocument {
    resources = List.copyOf(resources);
    locations = List.copyOf(locations);
    families = List.copyOf(families);
  }
}
