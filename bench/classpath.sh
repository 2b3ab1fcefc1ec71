# Sourced by the bench scripts: compiles the main and test classes and sets $bench_classpath to
# run a benchmark class with its test-scoped dependencies.
classpath_file=target/bench-classpath.txt
mvn -B -ntp -q -Dstyle.color=never test-compile dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
bench_classpath="target/test-classes:target/classes:$(cat "$classpath_file")"
