package com.tuitionescrow.ledger.loadtests.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ledger service as a process of its own, so that it can be killed as a crash kills it:
 * {@link Process#destroyForcibly()} is SIGKILL on Linux, with no shutdown hook, no graceful drain and
 * no commit that was not already made. Its pid is written to a file for faults.sh to clean up after
 * a harness that itself died; its output is appended to one log across restarts.
 */
final class LedgerProcess {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final Path pidFile;
    private Process process;

    LedgerProcess(Path jar, Map<String, String> environment, Path workDir) {
        this.command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Only the quick compiler: the harness restarts the service often on a shared machine and
                // measures recovery, not throughput, and C1 alone starts Spring faster.
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString());
        this.environment = Map.copyOf(environment);
        this.log = workDir.resolve("service.log");
        this.pidFile = workDir.resolve("service.pid");
    }

    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed service (pid " + process.pid() + ") is still running");
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** At the end of a run: the service has no more to do, and a graceful stop is not what is tested. */
    void stop() throws InterruptedException {
        if (isAlive()) {
            kill();
        }
    }

    Path log() {
        return log;
    }
}
