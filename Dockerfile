# The ledger as a container image: docker build -t escrow-ledger .
#
# Two stages. The build stage compiles the service with Maven and JDK 17. The build generates its jOOQ
# classes from the Flyway migrations applied to a live PostgreSQL, so this stage runs a throwaway
# PostgreSQL of its own for the length of the build; nothing of it reaches the image. The runtime stage
# is a Java 17 JRE running the service's executable jar as an unprivileged user.

FROM maven:3.9-eclipse-temurin-17 AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY pom.xml ./
# javac's exports for Error Prone, which runs in every compile.
COPY .mvn .mvn
COPY ledger-api ledger-api
COPY migrations migrations
COPY ledger-service ledger-service
COPY load-tests/pom.xml load-tests/pom.xml
# The tests and the format check run in CI (mvn verify) against a real PostgreSQL; the image build only packages.
RUN cluster="$(ls /etc/postgresql)" \
    && pg_ctlcluster "$cluster" main start \
    && su postgres -c "psql -qc \"alter user postgres password 'build-only'\"" \
    && mvn -B -q -pl ledger-service -am -Dmaven.test.skip=true -Dspotless.check.skip=true package \
        -Dledger.build.database.url=jdbc:postgresql://localhost:5432/postgres \
        -Dledger.build.database.user=postgres \
        -Dledger.build.database.password=build-only \
    && pg_ctlcluster "$cluster" main stop

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 ledger \
    && useradd --system --uid 10001 --gid ledger --no-create-home --shell /usr/sbin/nologin ledger
WORKDIR /app
COPY --from=build /build/ledger-service/target/ledger-service.jar /app/ledger-service.jar
USER 10001:10001
EXPOSE 8080
# Configuration comes from the environment (docs/operations.md): LEDGER_DB_URL, LEDGER_JWT_SECRET,
# LEDGER_BANK_HMAC_SECRET, ... Liveness and readiness: /actuator/health/liveness and /readiness.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-jar", "/app/ledger-service.jar"]
