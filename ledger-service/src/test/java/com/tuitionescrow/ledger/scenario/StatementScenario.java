package com.tuitionescrow.ledger.scenario;

import static com.tuitionescrow.ledger.schema.Tables.BANK_INSTRUCTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.shared.LedgerTime;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the statement scenarios share: the ledger facts a statement is reconciled against, made at
 * known moments of the statement's day, and the statement files themselves, sent as a bank sends them.
 */
abstract class StatementScenario extends LedgerIntegrationTest {

    static final String XML = "application/xml";
    static final String CSV = "text/csv";
    static final String CSV_HEADER = "custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal\n";

    /** The statement's day in Beijing, and its first moment: the ledger's facts happen seconds after it. */
    LocalDate day;

    OffsetDateTime dayStart;

    @BeforeEach
    void statementDay() {
        day = today();
        dayStart = day.atStartOfDay(LedgerTime.ZONE).toOffsetDateTime();
    }

    /** The file as the bank sends it: with its BANK token, signed. */
    Http.Response sendStatement(String file, String contentType) {
        return http.postRaw("/v1/bank/statements", Tokens.bank(), file, contentType);
    }

    /** An order of 3000 yuan, paid by the bank at the given moment with this bank transaction id; its id. */
    String paidOrder(Institution institution, String bankTxnId, OffsetDateTime receivedAt) {
        String orderId = id("order");
        Http.Response placed = placeOrder(orderId, institution, id("stu"), course("piano", 15_000, 20));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        Http.Response paid = receive(institution, bankTxnId, orderId, 300_000, receivedAt);
        assertThat(paid.body().path("status").asText()).as(paid.toString()).isEqualTo("APPLIED");
        return orderId;
    }

    /** Money for no known order: the ledger holds it in the institution's suspense, in custody all the same. */
    void suspenseReceipt(Institution institution, String bankTxnId, long amountFen, OffsetDateTime receivedAt) {
        Http.Response held = receive(institution, bankTxnId, id("no-such-order"), amountFen, receivedAt);
        assertThat(held.body().path("status").asText()).as(held.toString()).isEqualTo("SUSPENSE");
    }

    /**
     * An instruction the bank executed: money out of custody under the bank's transaction id. The row
     * is inserted directly, so that a test sets the bank's id and time without a whole release cycle
     * (one test runs that cycle over HTTP); it has no journal entry, so the ledger's custody cash does
     * not show it.
     */
    void executedInstruction(Institution institution, String bankTxnId, long amountFen, OffsetDateTime executedAt) {
        String instructionId = id("instr");
        db.insertInto(BANK_INSTRUCTION)
                .set(BANK_INSTRUCTION.INSTRUCTION_ID, instructionId)
                .set(BANK_INSTRUCTION.KIND, "DISBURSEMENT")
                .set(BANK_INSTRUCTION.OWNER_ID, "disbursement:" + institution.id())
                .set(BANK_INSTRUCTION.INSTITUTION_ID, institution.id())
                .set(BANK_INSTRUCTION.CUSTODY_ACCOUNT_NO, institution.custodyAccountNo())
                .set(BANK_INSTRUCTION.AMOUNT_FEN, amountFen)
                .set(BANK_INSTRUCTION.PAYEE_REF, institution.id())
                .set(BANK_INSTRUCTION.STATUS, "EXECUTED")
                .set(BANK_INSTRUCTION.CREATED_AT, executedAt.minusSeconds(1).withOffsetSameInstant(ZoneOffset.UTC))
                .set(BANK_INSTRUCTION.RESULT_BANK_TXN_ID, bankTxnId)
                .set(BANK_INSTRUCTION.EXECUTED_AT, executedAt.withOffsetSameInstant(ZoneOffset.UTC))
                .set(BANK_INSTRUCTION.ANSWERED_AT, executedAt.withOffsetSameInstant(ZoneOffset.UTC))
                .execute();
    }

    /** Everything a request could have written, the reports included: a refused statement leaves it as it was. */
    Map<String, Integer> recorded() {
        Map<String, Integer> counts = new LinkedHashMap<>(footprint());
        for (String table : new String[] {"reconciliation", "reconciliation_finding", "bank_instruction"}) {
            counts.put(table, db.fetchCount(DSL.table(DSL.name(table))));
        }
        return counts;
    }

    /** A CSV statement of one day: OPBD, the rows given (without the account and day), CLBD. */
    String csv(Institution institution, long openingFen, long closingFen, String... rows) {
        String prefix = institution.custodyAccountNo() + "," + day + ",";
        StringBuilder file = new StringBuilder(CSV_HEADER)
                .append(prefix)
                .append("OPBD,")
                .append(openingFen)
                .append(",,BOOK,false\n");
        for (String row : rows) {
            file.append(prefix).append(row).append('\n');
        }
        return file.append(prefix)
                .append("CLBD,")
                .append(closingFen)
                .append(",,BOOK,false\n")
                .toString();
    }

    /** The bank's report of one receipt, as it sends it. */
    Http.Response receive(
            Institution institution, String bankTxnId, String orderId, long amountFen, OffsetDateTime receivedAt) {
        return http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                Map.of(
                        "bankTxnId",
                        bankTxnId,
                        "orderId",
                        orderId,
                        "amountFen",
                        amountFen,
                        "custodyAccountNo",
                        institution.custodyAccountNo(),
                        "receivedAt",
                        receivedAt.toString()));
    }
}
