package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.schema.Tables.ACCOUNT_BALANCE;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_HEAD;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.BalanceSheet;
import com.tuitionescrow.ledger.accounting.JournalChain;
import com.tuitionescrow.ledger.accounting.JournalChain.Line;
import com.tuitionescrow.ledger.accounting.JournalChain.Link;
import com.tuitionescrow.ledger.accounting.Posting;
import com.tuitionescrow.ledger.api.audit.CheckpointView;
import com.tuitionescrow.ledger.api.audit.VerificationResponse;
import com.tuitionescrow.ledger.journal.StoredEvents.StoredEvent;
import com.tuitionescrow.ledger.schema.tables.records.JournalEntryRecord;
import com.tuitionescrow.ledger.schema.tables.records.JournalHeadRecord;
import com.tuitionescrow.ledger.schema.tables.records.JournalPostingRecord;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an auditor would do with the exported journal, and what only the ledger can do besides:
 * recompute the hash chain over every stored column, check that every entry balances per
 * institution, replay every posting into fresh balances and compare them with the stored ones on
 * every column, derive each entry again from its event in the event store (the source) and compare,
 * compare the last entry with the writer's head, and check the published checkpoints and one a
 * regulator kept. It reads a page at a time in one snapshot; each finding names where it first fails.
 */
@Service
class JournalVerification {

    static final int PAGE = 1000;
    private static final HexFormat HEX = HexFormat.of();

    /** A checkpoint a regulator kept: the hash entry {@code seq} had when it was published. */
    record KeptCheckpoint(long seq, String hash) {}

    /** A balance row, every column a report reads. */
    private record Balance(
            String accountType, String institutionId, String studentId, long debitFen, long creditFen, long lastSeq) {}

    private final DSLContext db;
    private final StoredEvents storedEvents;
    private final JournalCheckpoints checkpoints;
    private final TransactionTemplate snapshot;

    JournalVerification(
            DSLContext db,
            StoredEvents storedEvents,
            JournalCheckpoints checkpoints,
            PlatformTransactionManager transactions) {
        this.db = db;
        this.storedEvents = storedEvents;
        this.checkpoints = checkpoints;
        this.snapshot = new TransactionTemplate(transactions);
        // One snapshot for every page, the events and the stored balances: nothing journaled meanwhile is half seen.
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    VerificationResponse verify(KeptCheckpoint kept) {
        return snapshot.execute(status -> {
            db.execute("set local application_name = '" + JournalWriter.READ_ONLY_APPLICATION + "'");
            return new Run(kept).result();
        });
    }

    /** One verification: the state of the walk through the journal and the event store. */
    private final class Run {
        private final KeptCheckpoint kept;
        private final JournalHeadRecord head = db.selectFrom(JOURNAL_HEAD).fetchSingle();
        private final Map<Long, byte[]> hashAtCheckpoints = new HashMap<>();
        private final List<CheckpointView> published = checkpoints.page(0, Integer.MAX_VALUE);
        private final BalanceSheet coverage = new BalanceSheet();
        private final Map<String, Balance> replayed = new TreeMap<>();
        private final Deque<StoredEvent> events = new ArrayDeque<>();
        private long eventsAfter;
        private boolean eventsDone;
        private Long firstBroken;
        private Long firstUnbalanced;
        private StoredEvent firstDifferingEvent;
        private long entries;
        private byte[] prevHash = JournalChain.genesis();
        private long lastSeq;

        Run(KeptCheckpoint kept) {
            this.kept = kept;
            published.forEach(c -> hashAtCheckpoints.put(c.seq(), null));
            if (kept != null) {
                hashAtCheckpoints.put(kept.seq(), null);
            }
        }

        VerificationResponse result() {
            long expectedSeq = 1;
            List<JournalEntryRecord> page;
            do {
                page = db.selectFrom(JOURNAL_ENTRY)
                        .where(JOURNAL_ENTRY.SEQ.ge(expectedSeq))
                        .orderBy(JOURNAL_ENTRY.SEQ)
                        .limit(PAGE)
                        .fetch();
                Map<Long, List<Line>> lines = linesOf(page);
                for (JournalEntryRecord entry : page) {
                    check(entry, lines.getOrDefault(entry.getSeq(), List.of()), expectedSeq);
                    expectedSeq = entry.getSeq() + 1;
                }
            } while (page.size() == PAGE);
            StoredEvent unjournaled = nextJournaledEvent();
            if (firstDifferingEvent == null && unjournaled != null) {
                firstDifferingEvent = unjournaled;
            }
            boolean headMatches = head.getLastSeq() == lastSeq && Arrays.equals(head.getLastHash(), prevHash);
            Long firstBrokenCheckpoint = published.stream()
                    .filter(c -> !checkpoints.signedHere(c) || !holds(c.seq(), c.hash()))
                    .map(CheckpointView::seq)
                    .findFirst()
                    .orElse(null);
            String firstDifferingAccount = firstDifferingAccount();
            return new VerificationResponse(
                    entries,
                    firstBroken == null,
                    firstBroken,
                    firstUnbalanced == null,
                    firstUnbalanced,
                    firstDifferingAccount == null,
                    firstDifferingAccount,
                    firstDifferingEvent == null,
                    firstDifferingEvent == null ? null : firstDifferingEvent.globalIndex(),
                    firstDifferingEvent == null ? null : firstDifferingEvent.eventId(),
                    headMatches,
                    firstBrokenCheckpoint == null,
                    firstBrokenCheckpoint,
                    kept == null ? null : holds(kept.seq(), kept.hash()),
                    coverage.institutions().stream()
                            .map(institution -> new VerificationResponse.Institution(
                                    institution,
                                    coverage.custodyFen(institution),
                                    coverage.liabilitiesFen(institution),
                                    coverage.custodyFen(institution) >= coverage.liabilitiesFen(institution)))
                            .toList());
        }

        /** A checkpoint holds if the chain is intact up to its seq and has its hash there. */
        private boolean holds(long seq, String hash) {
            byte[] found = hashAtCheckpoints.get(seq);
            return found != null
                    && HEX.formatHex(found).equalsIgnoreCase(hash)
                    && (firstBroken == null || firstBroken > seq);
        }

        private void check(JournalEntryRecord entry, List<Line> lines, long expectedSeq) {
            Link stored = new Link(
                    entry.getSeq(),
                    entry.getGlobalIndex(),
                    entry.getEntryId(),
                    entry.getEntryType(),
                    entry.getInstitutionId(),
                    entry.getOrderId(),
                    entry.getOccurredAt().toInstant(),
                    entry.getRecordedAt().toInstant(),
                    entry.getActor(),
                    lines);
            byte[] hash = JournalChain.hash(prevHash, stored);
            boolean linked = entry.getSeq() == expectedSeq && Arrays.equals(entry.getPrevHash(), prevHash);
            if (firstBroken == null && (!linked || !Arrays.equals(entry.getHash(), hash))) {
                firstBroken = entry.getSeq();
            }
            if (firstUnbalanced == null && !balancedPerInstitution(lines)) {
                firstUnbalanced = entry.getSeq();
            }
            StoredEvent event = nextJournaledEvent();
            if (firstDifferingEvent == null
                    && event != null
                    && !JournalProjection.linkOf(entry.getSeq(), event).equals(stored)) {
                firstDifferingEvent = event;
            }
            replay(entry.getSeq(), lines);
            if (hashAtCheckpoints.containsKey(entry.getSeq())) {
                hashAtCheckpoints.put(entry.getSeq(), entry.getHash());
            }
            prevHash = entry.getHash();
            lastSeq = entry.getSeq();
            entries++;
        }

        private void replay(long seq, List<Line> lines) {
            for (Line line : lines) {
                replayed.merge(
                        line.accountCode(),
                        new Balance(
                                line.accountType(),
                                line.institutionId(),
                                AccountCode.parse(line.accountCode()).studentId(),
                                line.debitFen(),
                                line.creditFen(),
                                seq),
                        (a, b) -> new Balance(
                                a.accountType(),
                                a.institutionId(),
                                a.studentId(),
                                Math.addExact(a.debitFen(), b.debitFen()),
                                Math.addExact(a.creditFen(), b.creditFen()),
                                seq));
                coverage.post(
                        List.of(new Posting(AccountCode.parse(line.accountCode()), line.debitFen(), line.creditFen())));
            }
        }

        /** The next event that carries postings, up to the writer's position (later ones are not journaled yet). */
        private StoredEvent nextJournaledEvent() {
            while (events.isEmpty() && !eventsDone) {
                List<StoredEvent> page = storedEvents.after(eventsAfter, PAGE);
                page.stream()
                        .filter(e -> e.globalIndex() <= head.getPosition() && e.payload() != null)
                        .forEach(events::add);
                eventsDone = page.size() < PAGE || page.get(page.size() - 1).globalIndex() >= head.getPosition();
                if (!page.isEmpty()) {
                    eventsAfter = page.get(page.size() - 1).globalIndex();
                }
            }
            return events.poll();
        }

        /** The first account, by code, whose stored balance differs from the replay on any column, or is extra or missing. */
        private String firstDifferingAccount() {
            Map<String, Balance> stored = new TreeMap<>();
            db.selectFrom(ACCOUNT_BALANCE)
                    .fetch()
                    .forEach(r -> stored.put(
                            r.getAccountCode(),
                            new Balance(
                                    r.getAccountType(),
                                    r.getInstitutionId(),
                                    r.getStudentId(),
                                    r.getDebitFen(),
                                    r.getCreditFen(),
                                    r.getLastSeq())));
            TreeMap<String, Boolean> differing = new TreeMap<>();
            stored.forEach((code, balance) -> {
                if (!Objects.equals(replayed.get(code), balance)) {
                    differing.put(code, true);
                }
            });
            replayed.keySet().stream()
                    .filter(code -> !stored.containsKey(code))
                    .forEach(code -> differing.put(code, true));
            return differing.isEmpty() ? null : differing.firstKey();
        }
    }

    private static boolean balancedPerInstitution(List<Line> lines) {
        Map<String, Long> net = new HashMap<>();
        for (Line line : lines) {
            net.merge(line.institutionId(), Math.subtractExact(line.debitFen(), line.creditFen()), Math::addExact);
        }
        return lines.size() >= 2 && net.values().stream().allMatch(n -> n == 0);
    }

    private Map<Long, List<Line>> linesOf(List<JournalEntryRecord> page) {
        if (page.isEmpty()) {
            return Map.of();
        }
        return db
                .selectFrom(JOURNAL_POSTING)
                .where(JOURNAL_POSTING.SEQ.between(
                        page.get(0).getSeq(), page.get(page.size() - 1).getSeq()))
                .orderBy(JOURNAL_POSTING.SEQ, JOURNAL_POSTING.LINE)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(
                        JournalPostingRecord::getSeq,
                        Collectors.mapping(JournalVerification::toLine, Collectors.toList())));
    }

    private static Line toLine(JournalPostingRecord r) {
        return new Line(
                r.getAccountCode(), r.getAccountType(), r.getInstitutionId(), r.getDebitFen(), r.getCreditFen());
    }
}
