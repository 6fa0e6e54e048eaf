package com.tuitionescrow.ledger.loadtests.faults;

import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import com.tuitionescrow.ledger.api.audit.TrialBalanceResponse;
import com.tuitionescrow.ledger.api.audit.VerificationResponse;
import com.tuitionescrow.ledger.api.client.LedgerProblemException;
import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.enrollment.LessonResponse;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.OrderResponse;
import com.tuitionescrow.ledger.api.settlement.SettlementResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The books after the faults, read back through the API as a client and a regulator would: every
 * acknowledged request is there (not lost), none counts twice, the projections have caught up with
 * the event store and agree with a replay of the journal.
 */
final class Audit {

    /** What reading every acknowledged request back found. */
    record QueryBack(int read, List<String> lost, List<String> appliedTwice) {}

    private static final Duration POLL = Duration.ofMillis(250);

    private final Clients clients;

    Audit(Clients clients) {
        this.clients = clients;
    }

    /** Reads each acknowledged request back: institutions by id, everything else through its order. */
    QueryBack queryBack(List<Op> acknowledged) {
        List<String> lost = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        Map<String, List<Op>> byOrder = new TreeMap<>();
        for (Op op : acknowledged) {
            if (op.kind() == Op.Kind.INSTITUTION) {
                if (read(() -> clients.regulator().institution(op.id())).isEmpty()) {
                    lost.add(op.toString());
                }
            } else {
                byOrder.computeIfAbsent(op.orderId(), id -> new ArrayList<>()).add(op);
            }
        }
        byOrder.forEach((orderId, ops) -> {
            Optional<OrderResponse> order = read(() -> clients.platform().order(orderId));
            for (Op op : ops) {
                switch (order.map(found -> compare(op, found)).orElse(-1)) {
                    case -1 -> lost.add(op.toString());
                    case 1 -> twice.add(op + " (" + order.orElseThrow() + ")");
                    default -> {}
                }
            }
        });
        return new QueryBack(acknowledged.size(), lost, twice);
    }

    /** -1 when the order does not show the request, 1 when it shows it more than once, else 0. */
    static int compare(Op op, OrderResponse order) {
        List<LessonResponse> lessons = order.lessons().stream()
                .filter(l -> l.lessonId().equals(op.id()))
                .toList();
        return switch (op.kind()) {
            case INSTITUTION, ORDER -> 0;
            case COLLECTION -> Long.signum(order.paidFen() - op.amountFen());
            case LESSON ->
                lessons.isEmpty() ? -1 : lessons.size() > 1 || order.consumedHours() > Cycle.LESSON_HOURS ? 1 : 0;
            case CONFIRMATION ->
                lessons.isEmpty() || lessons.get(0).status() != LessonStatus.CONFIRMED
                        ? -1
                        : Integer.signum(order.confirmedHours() - Cycle.LESSON_HOURS);
        };
    }

    /**
     * Waits until every institution's settlement shows the expected books, the journal having caught
     * up; answers how long that took, or empty when it did not within {@code within}.
     */
    Optional<Duration> awaitSettlements(Map<String, ExpectedBooks> expected, Duration within)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (settlementDifferences(expected).isEmpty()) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - started));
            }
            Thread.sleep(POLL.toMillis());
        }
        return Optional.empty();
    }

    /** Each institution whose settlement differs from what was acknowledged, with both. */
    List<String> settlementDifferences(Map<String, ExpectedBooks> expected) {
        List<String> differences = new ArrayList<>();
        expected.forEach((institutionId, books) -> {
            SettlementResponse s = clients.regulator().settlement(institutionId, null);
            if (s.custodyFen() != books.custodyFen()
                    || s.prepaidFen() != books.prepaidFen()
                    || s.awaitingConfirmationFen() != books.awaitingConfirmationFen()
                    || s.releasableFen() != books.releasableFen()
                    || !s.covered()) {
                differences.add(institutionId + ": expected custody " + books.custodyFen() + ", prepaid "
                        + books.prepaidFen() + ", awaiting " + books.awaitingConfirmationFen() + ", releasable "
                        + books.releasableFen() + "; the ledger shows " + s);
            }
        });
        return differences;
    }

    /** Journal entries by institution and type, read page by page from the first. */
    Map<String, Map<String, Integer>> journalEntries() {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        long afterSeq = 0;
        while (true) {
            Page<JournalEntryView> page = clients.regulator().journal(afterSeq, Page.MAX_LIMIT);
            for (JournalEntryView entry : page.items()) {
                String institutionId = entry.postings().get(0).accountCode().split(":")[1];
                counts.computeIfAbsent(institutionId, id -> new TreeMap<>()).merge(entry.type(), 1, Integer::sum);
                afterSeq = entry.seq();
            }
            if (page.next() == null) {
                return counts;
            }
        }
    }

    /** The journal's entries of each money request against the acknowledged ones, per institution. */
    List<String> journalDifferences(Map<String, ExpectedBooks> expected) {
        Map<String, Map<String, Integer>> found = journalEntries();
        List<String> differences = new ArrayList<>();
        expected.forEach((institutionId, books) -> {
            Map<String, Integer> entries = found.getOrDefault(institutionId, Map.of());
            Map<String, Integer> wanted = new TreeMap<>(Map.of(
                    "CollectionApplied",
                    books.collections(),
                    "LessonReported",
                    books.lessons(),
                    "LessonConfirmed",
                    books.confirmations()));
            wanted.values().removeIf(count -> count == 0);
            if (!entries.equals(wanted)) {
                differences.add(institutionId + ": expected " + wanted + ", the journal holds " + entries);
            }
        });
        found.keySet().stream()
                .filter(id -> !expected.containsKey(id))
                .forEach(id -> differences.add(id + ": entries for an institution no request paid: " + found.get(id)));
        return differences;
    }

    /**
     * The journal against the event store, for each money event: a projection that lost an event, or
     * took one twice, differs from a rebuild.
     */
    List<String> journalAgainstEventStore(Map<String, Integer> events) {
        Map<String, Integer> journal = new TreeMap<>();
        journalEntries().values().forEach(byType -> byType.forEach((type, n) -> journal.merge(type, n, Integer::sum)));
        List<String> differences = new ArrayList<>();
        for (String type : List.of("CollectionApplied", "LessonReported", "LessonConfirmed")) {
            int stored = events.getOrDefault(type, 0);
            int projected = journal.getOrDefault(type, 0);
            if (stored != projected) {
                differences.add(type + ": " + stored + " events, " + projected + " journal entries");
            }
        }
        return differences;
    }

    VerificationResponse verification() {
        return clients.regulator().verification();
    }

    TrialBalanceResponse trialBalance() {
        return clients.regulator().trialBalance(null);
    }

    static String uncovered(VerificationResponse verification) {
        return verification.institutions().stream()
                .filter(i -> !i.covered())
                .map(VerificationResponse.Institution::institutionId)
                .collect(Collectors.joining(", "));
    }

    /** The resource, or empty when the ledger answers 404. */
    private static <T> Optional<T> read(java.util.function.Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (LedgerProblemException problem) {
            if (problem.status() == 404) {
                return Optional.empty();
            }
            throw problem;
        }
    }
}
