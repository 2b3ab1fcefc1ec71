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

  static MappingDocument concat(List<MappingDocument> documents) {
    List<ResourceMapping> resources = new java.util.ArrayList<>();
    List<SourceLocation> locations = new java.util.ArrayList<>();
    List<FamilyDefinition> families = new java.util.ArrayList<>();
    for (MappingDocument document : documents) {
      resources.addAll(document.resources());
      locations.addAll(document.locations());
      families.addAll(document.families());
    }
    return new MappingDocument(resources, locations, families);
  }
}
