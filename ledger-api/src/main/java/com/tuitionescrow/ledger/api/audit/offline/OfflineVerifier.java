package com.tuitionescrow.ledger.api.audit.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tuitionescrow.ledger.api.audit.CheckpointView;
import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a copy of the journal on an auditor's own machine, trusting nothing of the ledger but the
 * public key: no database, no Spring, only the export ({@code GET /v1/audit/journal} with
 * {@code Accept: application/x-ndjson}, from the first entry), the checkpoints and the key. It checks,
 * reading one line at a time, that seq runs 1, 2, 3, ...; that every entry chains to the one before
 * and its hash is its content's; that every entry balances per institution, with each line's type
 * and institution those of its account; that no account's balance it implies ever leaves its normal
 * side (custody cash is an asset, every other account a liability); and that every checkpoint is signed by the key and
 * its hash is the chain's at its seq (a checkpoint beyond the export's end is a truncation). It names
 * the first bad line and exits 1; 0 when all holds, 2 when it cannot read its input.
 *
 * <pre>java -jar ledger-api/target/ledger-api-*-verifier.jar journal.ndjson checkpoints.json checkpoint-key.json</pre>
 */
public final class OfflineVerifier {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    private final PrintStream out;

    OfflineVerifier(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new OfflineVerifier(System.out).run(args));
    }

    /** Runs the check and returns the exit code. */
    int run(String[] args) {
        if (args.length != 3) {
            out.println("usage: OfflineVerifier journal.ndjson checkpoints.json public-key");
            return 2;
        }
        try {
            List<CheckpointView> checkpoints = CheckpointFile.read(Path.of(args[1]), json);
            PublicKey key = CheckpointFile.publicKey(Path.of(args[2]), json);
            String failure = verify(Path.of(args[0]), checkpoints, key);
            out.println(failure == null ? "OK" : "FAILED: " + failure);
            return failure == null ? 0 : 1;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            out.println("cannot read the input: " + e);
            return 2;
        }
    }

    /** The first failure, or null when the export, its balances and the checkpoints all hold. */
    String verify(Path export, List<CheckpointView> checkpoints, PublicKey key) throws IOException {
        for (CheckpointView checkpoint : checkpoints) {
            if (!CheckpointFile.signed(checkpoint, key)) {
                return "checkpoint at seq " + checkpoint.seq() + ": the signature does not verify with the key";
            }
        }
        Map<Long, String> wanted = new HashMap<>();
        checkpoints.forEach(c -> wanted.put(c.seq(), c.hash().toLowerCase()));
        Balances balances = new Balances();
        String prevHash = ChainHash.GENESIS;
        long seq = 0;
        int lineNumber = 0;
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JournalEntryView entry;
                try {
                    entry = json.readValue(line, JournalEntryView.class);
                } catch (JsonProcessingException unreadable) {
                    return at(lineNumber, seq + 1, "not a journal entry: " + unreadable.getOriginalMessage());
                }
                String problem = problemOf(entry, seq + 1, prevHash, balances, wanted);
                if (problem != null) {
                    return at(lineNumber, entry.seq(), problem);
                }
                prevHash = entry.hash();
                seq = entry.seq();
            }
        }
        long end = seq;
        return checkpoints.stream()
                .filter(c -> c.seq() > end)
                .findFirst()
                .map(c -> "the export ends at seq " + end + " but a checkpoint was published at seq " + c.seq()
                        + ": entries after " + end + " are missing")
                .orElse(null);
    }

    private static String problemOf(
            JournalEntryView entry,
            long expectedSeq,
            String prevHash,
            Balances balances,
            Map<Long, String> checkpoints) {
        if (entry.seq() != expectedSeq) {
            return "seq " + entry.seq() + " where " + expectedSeq + " comes next";
        }
        if (!prevHash.equalsIgnoreCase(entry.prevHash())) {
            return "prevHash is not the hash of the entry before";
        }
        if (!ChainHash.of(prevHash, entry).equalsIgnoreCase(entry.hash())) {
            return "the hash is not the hash of the entry's content";
        }
        String checkpoint = checkpoints.get(entry.seq());
        if (checkpoint != null && !checkpoint.equalsIgnoreCase(entry.hash())) {
            return "the hash differs from the checkpoint published at this seq: the journal up to here was rewritten";
        }
        return balances.post(entry);
    }

    private static String at(int lineNumber, long seq, String problem) {
        return "line " + lineNumber + " (seq " + seq + "): " + problem;
    }

    /** Every account's debits and credits so far: the balances the journal implies, each on its normal side. */
    private static final class Balances {
        private final Map<String, long[]> accounts = new HashMap<>();

        String post(JournalEntryView entry) {
            if (entry.postings().size() < 2) {
                return "an entry has at least two postings";
            }
            Map<String, Long> net = new HashMap<>();
            for (JournalEntryView.Line line : entry.postings()) {
                String[] code = line.accountCode().split(":");
                if (code.length < 2 || !code[0].equals(line.accountType()) || !code[1].equals(line.institutionId())) {
                    return "posting to " + line.accountCode() + " says type " + line.accountType() + " and institution "
                            + line.institutionId();
                }
                if (line.debitFen() < 0 || line.creditFen() < 0 || (line.debitFen() > 0) == (line.creditFen() > 0)) {
                    return "posting to " + line.accountCode() + " is not one positive debit or credit";
                }
                net.merge(line.institutionId(), Math.subtractExact(line.debitFen(), line.creditFen()), Math::addExact);
                long[] totals = accounts.computeIfAbsent(line.accountCode(), a -> new long[2]);
                totals[0] = Math.addExact(totals[0], line.debitFen());
                totals[1] = Math.addExact(totals[1], line.creditFen());
                boolean asset = "CUSTODY_CASH".equals(line.accountType());
                if (asset ? totals[0] < totals[1] : totals[1] < totals[0]) {
                    return "the balance of " + line.accountCode() + " leaves its normal side";
                }
            }
            for (Map.Entry<String, Long> institution : net.entrySet()) {
                if (institution.getValue() != 0) {
                    return "does not balance for " + institution.getKey() + ": debits minus credits = "
                            + institution.getValue();
                }
            }
            return null;
        }
    }
}
