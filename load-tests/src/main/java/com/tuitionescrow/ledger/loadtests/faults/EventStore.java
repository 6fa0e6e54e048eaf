package com.tuitionescrow.ledger.loadtests.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The event store itself, read with psql on the harness's own cluster: the source every projection
 * is rebuilt from. The journal is checked against it event type by event type.
 */
final class EventStore {

    private static final String EVENTS_BY_TYPE =
            "select payloadtype, count(*) from domainevententry group by payloadtype";

    private final List<String> psql;

    /** @param psql the psql command line that reaches the ledger's database, without the query */
    EventStore(List<String> psql) {
        this.psql = List.copyOf(psql);
    }

    /** Events by the simple name of their type ({@code CollectionApplied}). */
    Map<String, Integer> eventsByType() throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(psql);
        command.addAll(List.of("-At", "-F", "\t", "-c", EVENTS_BY_TYPE));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("psql failed: " + output);
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : output.strip().split("\n")) {
            if (!line.isBlank()) {
                String[] typeAndCount = line.split("\t");
                counts.merge(simpleName(typeAndCount[0]), Integer.parseInt(typeAndCount[1]), Integer::sum);
            }
        }
        return counts;
    }

    static String simpleName(String payloadType) {
        return payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
    }
}
