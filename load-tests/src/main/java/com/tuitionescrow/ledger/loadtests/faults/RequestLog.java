package com.tuitionescrow.ledger.loadtests.faults;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every attempt the load sent and how it was answered, and the fate of every request: acknowledged
 * (2xx: the ledger must keep it), refused (a final 4xx problem: nothing was recorded), or still
 * unanswered. Shared by the workers.
 */
final class RequestLog {

    /** A final refusal: the request was answered, and nothing was recorded. */
    record Refusal(Op op, int status, String code) {}

    private final LongAdder attempts = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Op> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Refusal> refused = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Op> unanswered = new ConcurrentLinkedQueue<>();

    void started() {
        requests.increment();
    }

    /** One attempt and its answer, e.g. {@code 2xx}, {@code 503}, {@code no answer}, {@code 422 CAP_AMOUNT}. */
    void attempted(String answer) {
        attempts.increment();
        answers.computeIfAbsent(answer, a -> new LongAdder()).increment();
    }

    void acknowledged(Op op) {
        acknowledged.add(op);
    }

    void refused(Refusal refusal) {
        refused.add(refusal);
    }

    void unanswered(Op op) {
        unanswered.add(op);
    }

    /** The requests left unanswered so far, taken out of the log to be sent again. */
    List<Op> takeUnanswered() {
        List<Op> taken = new java.util.ArrayList<>();
        for (Op op; (op = unanswered.poll()) != null; ) {
            taken.add(op);
        }
        return taken;
    }

    long attempts() {
        return attempts.sum();
    }

    /** Distinct requests (ids) sent, however many attempts each took. */
    long requests() {
        return requests.sum();
    }

    Map<String, Long> answers() {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((answer, count) -> counts.put(answer, count.sum()));
        return counts;
    }

    List<Op> acknowledged() {
        return List.copyOf(acknowledged);
    }

    List<Refusal> refused() {
        return List.copyOf(refused);
    }

    List<Op> unanswered() {
        return List.copyOf(unanswered);
    }
}
