# Container image of custom-resource-exporter.
#
#   docker build -t custom-resource-exporter:0.1.0 .
#   docker run --rm -p 8080:8080 custom-resource-exporter:0.1.0 serve --demo
#
# The run stage is distroless: no shell and no package manager, only a Java 17 runtime. The process
# runs as a numeric non-root user and writes nothing outside /tmp, so the root filesystem can be
# mounted read-only (the Helm chart does, with an emptyDir at /tmp).

# Build stage: compile and package the exporter with its dependencies in one jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY config config
COPY examples examples
RUN mvn -B -ntp -q package -DskipTests

# Run stage: a Java 17 runtime only, as a non-root user.
FROM gcr.io/distroless/java17-debian12:nonroot
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="custom-resource-exporter" \
      org.opencontainers.image.description="Prometheus exporter for the state of Kubernetes custom resources" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="gcr.io/distroless/java17-debian12:nonroot"
COPY --from=build /src/target/custom-resource-exporter.jar /app/custom-resource-exporter.jar
# the shipped mappings: `serve --config /config` reads all of them; mount your own over /config or
# point --config elsewhere
COPY config /config
USER 65532:65532
EXPOSE 8080
# heap as a share of the container's memory limit; exit (and be restarted) rather than limp on after
# an OutOfMemoryError; no hsperfdata file, so nothing is written even to /tmp
ENTRYPOINT ["/usr/bin/java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp", "-jar", "/app/custom-resource-exporter.jar"]
CMD ["serve", "--config", "/config"]
