package io.crexporter.config;

import io.crexporter.mapping.ResourceMapping;
import java.util.List;

/** What one configuration file contributes, before checks across files. */
public record MappingDocument(List<ResourceMapping> resources, List<FamilyDefinition> families) {
  public MappingDocument {
    resources = List.copyOf(resources);
    families = List.copyOf(families);
  }
}
