package com.tuitionescrow.ledger.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL for the integration tests, one throwaway database per test run. The server is
 * the one named by the system property {@code ledger.test.database.url} (the build sets it to the
 * local PostgreSQL); left empty, a Testcontainers PostgreSQL 15 is started where a Docker engine
 * exists. With neither, the tests fail loudly: a skipped suite proves nothing.
 */
public final class TestDatabase {

    public record Connection(String url, String user, String password) {}

    private static Connection connection;

    private TestDatabase() {}

    public static synchronized Connection get() {
        if (connection == null) {
            connection = create();
        }
        return connection;
    }

    /**
     * Another throwaway database on the same server, for a test class whose context must not share
     * the suite's (it names it in {@code ledger.test.database-url}).
     */
    public static Connection another() {
        Connection suite = get();
        String name =
                "ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(suite.url(), suite.user(), suite.password(), "CREATE DATABASE " + name);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> execute(
                        suite.url(),
                        suite.user(),
                        suite.password(),
                        "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        return new Connection(
                suite.url().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), suite.user(), suite.password());
    }

    private static Connection create() {
        String adminUrl = System.getProperty("ledger.test.database.url", "");
        String user = System.getProperty("ledger.test.database.user", "postgres");
        String password = System.getProperty("ledger.test.database.password", "");
        if (adminUrl.isBlank()) {
            return container();
        }
        String name =
                "ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(adminUrl, user, password, "CREATE DATABASE " + name);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        String url = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return new Connection(url, user, password);
    }

    @SuppressWarnings("resource")
    private static Connection container() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(
                    "The integration tests need PostgreSQL: set -Dledger.test.database.url="
                            + "jdbc:postgresql://host:5432/postgres (the build's default is the local server), or run a Docker engine");
        }
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:15");
        postgres.start();
        return new Connection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    private static void execute(String url, String user, String password, String sql) {
        try (java.sql.Connection c = DriverManager.getConnection(url, user, password);
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
