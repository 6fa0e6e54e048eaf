package com.tuitionescrow.ledger.loadtests.faults;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What faults.sh hands the harness, as environment variables (load-tests/faults.sh documents each):
 * where the cluster's script, the service jar and the work directory are, the ports, and how much
 * load and how many crashes.
 */
record Settings(
        Path workDir,
        Path serviceJar,
        Path databaseScript,
        String databaseUrl,
        List<String> psql,
        int servicePort,
        Path reportDir,
        int workers,
        int crashes,
        Duration loadBetweenFaults,
        Duration outage,
        String jwtSecret,
        String bankSecret) {

    static Settings from(Map<String, String> env) {
        Path workDir = Path.of(required(env, "FAULTS_WORK_DIR"));
        return new Settings(
                workDir,
                Path.of(required(env, "FAULTS_SERVICE_JAR")),
                Path.of(env.getOrDefault(
                        "FAULTS_DB_SCRIPT", workDir.resolve("db.sh").toString())),
                required(env, "FAULTS_DB_URL"),
                List.of(required(env, "FAULTS_PSQL").split(" ")),
                Integer.parseInt(env.getOrDefault("FAULTS_SERVICE_PORT", "18480")),
                Path.of(env.getOrDefault("FAULTS_REPORT_DIR", "load-tests/results")),
                Integer.parseInt(env.getOrDefault("FAULTS_WORKERS", "4")),
                Integer.parseInt(env.getOrDefault("FAULTS_CRASHES", "3")),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("FAULTS_LOAD_SECONDS", "10"))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("FAULTS_OUTAGE_SECONDS", "5"))),
                env.getOrDefault("LEDGER_JWT_SECRET", "local-development-secret-do-not-use-in-production"),
                env.getOrDefault("LEDGER_BANK_HMAC_SECRET", "local-development-bank-secret-do-not-use-in-production"));
    }

    URI baseUri() {
        return URI.create("http://localhost:" + servicePort);
    }

    /** The service's environment: the harness's cluster, its port, the secrets the clients sign with. */
    Map<String, String> serviceEnvironment() {
        return Map.of(
                "LEDGER_DB_URL",
                databaseUrl,
                "LEDGER_DB_USER",
                "postgres",
                "PORT",
                Integer.toString(servicePort),
                "LEDGER_JWT_SECRET",
                jwtSecret,
                "LEDGER_BANK_HMAC_SECRET",
                bankSecret);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set: run load-tests/faults.sh");
        }
        return value;
    }
}
