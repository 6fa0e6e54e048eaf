package com.tuitionescrow.ledger.instruction;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderAmount;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.AddPortion;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.IssueDisbursement;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.RecordDisbursementResult;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.WithdrawDisbursement;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementExecuted;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementFailed;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementIssued;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementOpened;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementPortionAdded;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementWithdrawn;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.Portion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 拨付指令: one instruction gathers the released money of many student accounts, goes to the bank
 * once complete, and is answered once. EXECUTED takes the money out of custody cash; FAILED moves no
 * money itself but hands the portions back, so that each student account returns its share.
 */
class DisbursementTest {

    private static final String SCHOOL = "91350100M000100Y43";
    private static final String CUSTODY_NO = "6222000011112222";
    private static final String DSB = "DSB-1";
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static final Instant EXECUTED_AT = Instant.parse("2026-03-02T06:00:00Z");

    private AggregateTestFixture<Disbursement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Disbursement.class);
    }

    private static List<OrderAmount> orders(String account, long... amounts) {
        List<OrderAmount> orders = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            orders.add(new OrderAmount(account + "-order-" + i, amounts[i]));
        }
        return orders;
    }

    private static AddPortion add(String account, long... amounts) {
        return new AddPortion(DSB, SCHOOL, CUSTODY_NO, account, orders(account, amounts), NOW);
    }

    private static Portion portion(String account, long... amounts) {
        long total = 0;
        for (long amount : amounts) {
            total += amount;
        }
        return new Portion(account, orders(account, amounts), total);
    }

    private static DisbursementOpened opened() {
        return new DisbursementOpened(DSB, SCHOOL, CUSTODY_NO, NOW);
    }

    @Test
    void the_first_portion_opens_the_instruction_and_there_is_room_for_more() {
        fixture.givenNoPriorActivity()
                .when(add("stu-1", 30_000, 15_000))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened(), new DisbursementPortionAdded(DSB, portion("stu-1", 30_000, 15_000), 45_000))
                .expectResultMessagePayload(true);
    }

    @Test
    void each_portion_adds_to_the_total() {
        fixture.given(opened(), new DisbursementPortionAdded(DSB, portion("stu-1", 45_000), 45_000))
                .when(add("stu-2", 10_001))
                .expectEvents(new DisbursementPortionAdded(DSB, portion("stu-2", 10_001), 55_001))
                .expectResultMessagePayload(true);
    }

    @Test
    void the_instruction_is_full_at_its_five_hundredth_portion() {
        List<Object> given = new ArrayList<>();
        given.add(opened());
        for (int i = 1; i < Disbursement.MAX_PORTIONS; i++) {
            given.add(new DisbursementPortionAdded(DSB, portion("stu-" + i, 100), 100L * i));
        }

        fixture.given(given)
                .when(add("stu-last", 100))
                .expectEvents(
                        new DisbursementPortionAdded(DSB, portion("stu-last", 100), 100L * Disbursement.MAX_PORTIONS))
                .expectResultMessagePayload(false);
    }

    @Test
    void a_portion_of_another_institution_is_a_programming_error() {
        fixture.given(opened(), new DisbursementPortionAdded(DSB, portion("stu-1", 45_000), 45_000))
                .when(new AddPortion(DSB, "91110000MA00000000", "6222999900001111", "stu-2", orders("stu-2", 1), NOW))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void issuing_sends_the_whole_amount_to_the_bank_for_the_institution_once() {
        DisbursementIssued issued = new DisbursementIssued(DSB, SCHOOL, CUSTODY_NO, 55_001, SCHOOL, NOW);

        fixture.given(
                        opened(),
                        new DisbursementPortionAdded(DSB, portion("stu-1", 45_000), 45_000),
                        new DisbursementPortionAdded(DSB, portion("stu-2", 10_001), 55_001))
                .when(new IssueDisbursement(DSB, NOW))
                .expectEvents(issued);
        fixture.given(opened(), new DisbursementPortionAdded(DSB, portion("stu-1", 45_000), 45_000), issued)
                .when(new IssueDisbursement(DSB, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_instruction_assembled_for_an_institution_frozen_since_is_withdrawn_unissued_and_its_portions_go_back() {
        DisbursementPortionAdded added = new DisbursementPortionAdded(DSB, portion("stu-1", 45_000), 45_000);
        DisbursementWithdrawn withdrawn =
                new DisbursementWithdrawn(DSB, SCHOOL, List.of(portion("stu-1", 45_000)), "frozen", NOW);

        fixture.given(opened(), added)
                .when(new WithdrawDisbursement(DSB, "frozen", NOW))
                .expectEvents(withdrawn)
                .expectResultMessagePayload(List.of(portion("stu-1", 45_000)));
        fixture.given(opened(), added, withdrawn)
                .when(new IssueDisbursement(DSB, NOW))
                .expectNoEvents();
        fixture.given(opened(), added, new DisbursementIssued(DSB, SCHOOL, CUSTODY_NO, 45_000, SCHOOL, NOW))
                .when(new WithdrawDisbursement(DSB, "too late: the bank has it", NOW))
                .expectNoEvents()
                .expectResultMessagePayload(List.of());
    }

    @Test
    void an_issued_instruction_takes_no_more_portions() {
        fixture.given(
                        opened(),
                        new DisbursementPortionAdded(DSB, portion("stu-1", 45_000), 45_000),
                        new DisbursementIssued(DSB, SCHOOL, CUSTODY_NO, 45_000, SCHOOL, NOW))
                .when(add("stu-2", 100))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void executed_takes_the_money_out_of_custody_cash_and_returns_the_portions_to_settle() {
        List<Portion> portions = List.of(portion("stu-1", 30_000, 15_000), portion("stu-2", 10_001));

        fixture.given(
                        opened(),
                        new DisbursementPortionAdded(DSB, portions.get(0), 45_000),
                        new DisbursementPortionAdded(DSB, portions.get(1), 55_001),
                        new DisbursementIssued(DSB, SCHOOL, CUSTODY_NO, 55_001, SCHOOL, NOW))
                .when(new RecordDisbursementResult(DSB, InstructionOutcome.EXECUTED, "out-1", EXECUTED_AT, null))
                .expectEvents(new DisbursementExecuted(
                        DSB,
                        SCHOOL,
                        55_001,
                        portions,
                        "out-1",
                        EXECUTED_AT,
                        JournalEntry.of(
                                AccountCode.of(AccountType.DISBURSEMENT_IN_TRANSIT, SCHOOL),
                                AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL),
                                55_001)))
                .expectResultMessagePayload(portions);
    }

    @Test
    void failed_moves_no_money_and_returns_the_portions_for_each_account_to_take_back() {
        List<Portion> portions = List.of(portion("stu-1", 45_000));

        fixture.given(
                        opened(),
                        new DisbursementPortionAdded(DSB, portions.get(0), 45_000),
                        new DisbursementIssued(DSB, SCHOOL, CUSTODY_NO, 45_000, SCHOOL, NOW))
                .when(new RecordDisbursementResult(
                        DSB, InstructionOutcome.FAILED, "out-1", EXECUTED_AT, "account closed"))
                .expectEvents(
                        new DisbursementFailed(DSB, SCHOOL, 45_000, portions, "out-1", "account closed", EXECUTED_AT))
                .expectResultMessagePayload(portions);
    }

    @Test
    void an_answer_to_an_instruction_not_yet_issued_or_already_answered_is_a_programming_error() {
        fixture.given(opened(), new DisbursementPortionAdded(DSB, portion("stu-1", 45_000), 45_000))
                .when(new RecordDisbursementResult(DSB, InstructionOutcome.EXECUTED, "out-1", EXECUTED_AT, null))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
        fixture.given(
                        opened(),
                        new DisbursementPortionAdded(DSB, portion("stu-1", 45_000), 45_000),
                        new DisbursementIssued(DSB, SCHOOL, CUSTODY_NO, 45_000, SCHOOL, NOW),
                        new DisbursementFailed(
                                DSB, SCHOOL, 45_000, List.of(portion("stu-1", 45_000)), "out-1", "closed", EXECUTED_AT))
                .when(new RecordDisbursementResult(DSB, InstructionOutcome.EXECUTED, "out-2", EXECUTED_AT, null))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }
}
