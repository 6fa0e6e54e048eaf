package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.schema.Tables.ACCOUNT_BALANCE;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.BalanceSheet;
import com.tuitionescrow.ledger.accounting.JournalChain;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Posting;
import com.tuitionescrow.ledger.api.audit.VerificationResponse;
import com.tuitionescrow.ledger.schema.tables.records.JournalEntryRecord;
import com.tuitionescrow.ledger.schema.tables.records.JournalPostingRecord;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an auditor would do with the exported journal, done by the ledger itself: recompute the hash
 * chain from the first entry, check that every entry balances, replay every posting into fresh
 * balances and compare them with the stored ones, and check each institution's custody cash against
 * what it owes. It reads the journal a page at a time; it trusts nothing but the entries themselves.
 */
@Service
class JournalVerification {

    static final int PAGE = 1000;

    private final DSLContext db;
    private final TransactionTemplate snapshot;

    JournalVerification(DSLContext db, PlatformTransactionManager transactions) {
        this.db = db;
        this.snapshot = new TransactionTemplate(transactions);
        // One snapshot for every page and the stored balances: entries journaled meanwhile are not half seen.
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    VerificationResponse verify() {
        return snapshot.execute(status -> verifySnapshot());
    }

    private VerificationResponse verifySnapshot() {
        BalanceSheet replay = new BalanceSheet();
        byte[] prevHash = JournalChain.genesis();
        long expectedSeq = 1;
        Long firstBroken = null;
        boolean balanced = true;
        long entries = 0;
        List<JournalEntryRecord> page;
        do {
            page = db.selectFrom(JOURNAL_ENTRY).where(JOURNAL_ENTRY.SEQ.ge(expectedSeq))
                    .orderBy(JOURNAL_ENTRY.SEQ).limit(PAGE).fetch();
            Map<Long, List<Posting>> postings = postingsOf(page);
            for (JournalEntryRecord entry : page) {
                List<Posting> lines = postings.getOrDefault(entry.getSeq(), List.of());
                byte[] hash = JournalChain.hash(prevHash, entry.getSeq(), entry.getEntryId(), entry.getEntryType(),
                        entry.getOccurredAt().toInstant(), entry.getRecordedAt().toInstant(), entry.getActor(), lines);
                boolean linked = entry.getSeq() == expectedSeq && Arrays.equals(entry.getPrevHash(), prevHash);
                if (firstBroken == null && (!linked || !Arrays.equals(entry.getHash(), hash))) {
                    firstBroken = entry.getSeq();
                }
                balanced &= balances(lines);
                replay.post(lines);
                prevHash = entry.getHash();
                expectedSeq = entry.getSeq() + 1;
                entries++;
            }
        } while (page.size() == PAGE);
        return new VerificationResponse(entries, firstBroken == null, firstBroken,
                balanced && replay.totalDebitFen() == replay.totalCreditFen(), replayMatchesStored(replay),
                replay.institutions().stream().map(institution -> new VerificationResponse.Institution(institution,
                        replay.custodyFen(institution), replay.liabilitiesFen(institution),
                        replay.custodyFen(institution) >= replay.liabilitiesFen(institution))).toList());
    }

    private Map<Long, List<Posting>> postingsOf(List<JournalEntryRecord> page) {
        if (page.isEmpty()) {
            return Map.of();
        }
        return db.selectFrom(JOURNAL_POSTING)
                .where(JOURNAL_POSTING.SEQ.between(page.get(0).getSeq(), page.get(page.size() - 1).getSeq()))
                .orderBy(JOURNAL_POSTING.SEQ, JOURNAL_POSTING.LINE)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(JournalPostingRecord::getSeq,
                        Collectors.mapping(JournalVerification::toPosting, Collectors.toList())));
    }

    private static Posting toPosting(JournalPostingRecord r) {
        return new Posting(AccountCode.parse(r.getAccountCode()), r.getDebitFen(), r.getCreditFen());
    }

    /** An entry balances per institution, as the core refuses to build one otherwise. */
    private static boolean balances(List<Posting> lines) {
        try {
            new JournalEntry(lines);
            return true;
        } catch (IllegalArgumentException unbalanced) {
            return false;
        }
    }

    /** The stored balances, account by account, are exactly what the postings add up to. */
    private boolean replayMatchesStored(BalanceSheet replay) {
        Map<String, long[]> stored = new HashMap<>();
        db.selectFrom(ACCOUNT_BALANCE).fetch()
                .forEach(r -> stored.put(r.getAccountCode(), new long[] {r.getDebitFen(), r.getCreditFen()}));
        Map<String, long[]> replayed = new HashMap<>();
        replay.totals().forEach((account, totals) -> replayed.put(account.toString(), totals));
        return stored.size() == replayed.size()
                && stored.keySet().stream().allMatch(code -> Arrays.equals(stored.get(code), replayed.get(code)));
    }
}
