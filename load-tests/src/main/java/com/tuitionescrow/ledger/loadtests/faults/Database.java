package com.tuitionescrow.ledger.loadtests.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The harness's own PostgreSQL cluster, created by faults.sh, stopped and started through its
 * script ({@code db.sh stop|start}, which runs pg_ctl as the cluster's owner). Stopping it touches
 * no other database on the machine.
 */
final class Database {

    private final Path script;

    Database(Path script) {
        this.script = script;
    }

    /** An immediate stop: the server's processes quit at once, as in a crash; every connection drops. */
    void stop() throws IOException, InterruptedException {
        run("stop");
    }

    /** Starts it and waits until it accepts connections (after its crash recovery). */
    void start() throws IOException, InterruptedException {
        run("start");
    }

    private void run(String action) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(script.toString(), action).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " " + action + " failed");
        }
    }
}
