# Build stage: compile and package the exporter with its dependencies in one jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY config config
COPY examples examples
RUN mvn -B -ntp -q package -DskipTests

# Run stage: a JRE only, as a non-root user.
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="custom-resource-exporter" \
      org.opencontainers.image.description="Prometheus exporter for the state of Kubernetes custom resources"
COPY --from=build /src/target/custom-resource-exporter.jar /app/custom-resource-exporter.jar
COPY config /config
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/custom-resource-exporter.jar"]
CMD ["serve", "--config", "/config"]
