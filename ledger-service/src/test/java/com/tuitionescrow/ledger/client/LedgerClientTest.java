package com.tuitionescrow.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import com.tuitionescrow.ledger.api.audit.TrialBalanceResponse;
import com.tuitionescrow.ledger.api.bank.CollectionBatchRequest;
import com.tuitionescrow.ledger.api.bank.CollectionBatchResponse;
import com.tuitionescrow.ledger.api.bank.CollectionRequest;
import com.tuitionescrow.ledger.api.bank.CollectionResponse;
import com.tuitionescrow.ledger.api.bank.CollectionStatus;
import com.tuitionescrow.ledger.api.bank.SuspenseReason;
import com.tuitionescrow.ledger.api.client.LedgerClient;
import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.enrollment.Course;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonConfirmationRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonDecision;
import com.tuitionescrow.ledger.api.enrollment.LessonOutcome;
import com.tuitionescrow.ledger.api.enrollment.LessonReportedResponse;
import com.tuitionescrow.ledger.api.enrollment.LessonResolutionRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.OrderPlacedResponse;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import com.tuitionescrow.ledger.api.enrollment.PlaceOrderRequest;
import com.tuitionescrow.ledger.api.enrollment.ReportLessonRequest;
import com.tuitionescrow.ledger.api.institution.Category;
import com.tuitionescrow.ledger.api.institution.ChangeStatusRequest;
import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.institution.RegisterInstitutionRequest;
import com.tuitionescrow.ledger.api.institution.SupervisionModel;
import com.tuitionescrow.ledger.api.institution.WindDownRequest;
import com.tuitionescrow.ledger.api.institution.WindDownResponse;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunRequest;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunResponse;
import com.tuitionescrow.ledger.api.instruction.InstructionKind;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.api.instruction.InstructionResultRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.api.instruction.InstructionView;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationSummary;
import com.tuitionescrow.ledger.api.reconciliation.StatementFormat;
import com.tuitionescrow.ledger.api.refund.RefundDecision;
import com.tuitionescrow.ledger.api.refund.RefundDecisionRequest;
import com.tuitionescrow.ledger.api.refund.RefundOutcome;
import com.tuitionescrow.ledger.api.refund.RefundRequest;
import com.tuitionescrow.ledger.api.refund.RefundResolutionRequest;
import com.tuitionescrow.ledger.api.refund.RefundResponse;
import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.api.settlement.AccountEntryView;
import com.tuitionescrow.ledger.api.settlement.SettlementResponse;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The money cycle driven through {@link LedgerClient} alone, against the real service: every
 * endpoint of the OpenAPI document is called at least once, each by the role that owns it.
 */
class LedgerClientTest extends LedgerIntegrationTest {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    /** Enough to page through every instruction and journal entry a whole test run writes. */
    private static final int PAGES_MAX = 1000;

    private LedgerClient regulator;
    private LedgerClient platform;
    private LedgerClient bank;

    @BeforeEach
    void clients() {
        regulator = client(Tokens::regulator);
        platform = client(Tokens::platform);
        bank = client(Tokens::bank);
    }

    private LedgerClient client(Supplier<String> token) {
        return LedgerClient.builder()
                .baseUri(URI.create("http://localhost:" + port))
                .bearerToken(token)
                .bankSecret(Tokens.BANK_HMAC_SECRET)
                // The ledger's clock in these tests runs ahead of the wall clock once a test moves it.
                .clock(clock)
                .build();
    }

    @Test
    void a_whole_cycle_through_the_client_only() {
        // The books are read as recorded, and entries are recorded on the wall clock, which the
        // shared test clock may have left behind.
        OffsetDateTime beforeAnything = OffsetDateTime.now(BEIJING);
        InstitutionResponse school = register();
        LedgerClient staff = client(() -> Tokens.institution(school.institutionId()));
        assertThat(staff.institution(school.institutionId()).custodyAccountNo()).isEqualTo(school.custodyAccountNo());

        // A sale and its payment, reported once and then again: the repeat gets the first answer.
        String student = id("stu");
        OrderPlacedResponse piano = platform.placeOrder(order(school, student, "piano", 15_000, 20));
        assertThat(piano.amountFen()).isEqualTo(300_000);
        assertThat(piano.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        CollectionRequest payment = receipt(piano.orderId(), 300_000, school.custodyAccountNo());
        CollectionResponse paid = bank.reportCollection(payment);
        assertThat(paid).isEqualTo(new CollectionResponse(payment.bankTxnId(), CollectionStatus.APPLIED, null));
        assertThat(bank.reportCollection(payment)).isEqualTo(paid);

        // A second sale paid in a batch, beside money quoting an order nobody sold.
        String sibling = id("stu");
        OrderPlacedResponse violin = platform.placeOrder(order(school, sibling, "violin", 10_000, 10));
        CollectionBatchResponse batch = bank.reportCollections(new CollectionBatchRequest(List.of(
                receipt(violin.orderId(), 100_000, school.custodyAccountNo()),
                receipt(id("order-nobody-sold"), 5_000, school.custodyAccountNo()))));
        assertThat(batch.results())
                .extracting(CollectionBatchResponse.Result::status)
                .containsExactly(CollectionStatus.APPLIED, CollectionStatus.SUSPENSE);
        assertThat(batch.results().get(1).reason()).isEqualTo(SuspenseReason.ORDER_UNKNOWN);

        // A lesson, confirmed by the parent, released by a run, paid out by the bank.
        String lessonId = id("lesson");
        LessonReportedResponse lesson = staff.reportLesson(piano.orderId(), lawfulLesson(lessonId, 2));
        assertThat(lesson.status()).isEqualTo(LessonStatus.AWAITING_CONFIRMATION);
        assertThat(lesson.violations()).isEmpty();
        assertThat(platform.confirmLesson(lessonId, new LessonConfirmationRequest(LessonDecision.CONFIRM, null))
                        .status())
                .isEqualTo(LessonStatus.CONFIRMED);
        DisbursementRunResponse run = regulator.runDisbursement(new DisbursementRunRequest(null));
        InstructionView disbursement = run.instructions().stream()
                .filter(i ->
                        i.institutionId().equals(school.institutionId()) && i.kind() == InstructionKind.DISBURSEMENT)
                .findFirst()
                .orElseThrow();
        assertThat(disbursement.amountFen()).isEqualTo(30_000);
        assertThat(pendingInstruction(disbursement.instructionId())).hasValueSatisfying(pending -> {
            assertThat(pending.amountFen()).isEqualTo(30_000);
            assertThat(pending.custodyAccountNo()).isEqualTo(school.custodyAccountNo());
        });
        InstructionView executed = bank.answerInstruction(
                disbursement.instructionId(),
                new InstructionResultRequest(InstructionOutcome.EXECUTED, id("out"), OffsetDateTime.now(clock), null));
        assertThat(executed.status()).isEqualTo(InstructionStatus.EXECUTED);

        // The sibling leaves before any lesson: the whole payment goes back.
        String refundId = id("refund");
        RefundResponse requested = platform.requestRefund(violin.orderId(), new RefundRequest(refundId, "moving away"));
        assertThat(requested.status()).isEqualTo(RefundStatus.AWAITING_INSTITUTION);
        assertThat(requested.amountFen()).isEqualTo(100_000);
        RefundResponse approved = staff.decideRefund(refundId, new RefundDecisionRequest(RefundDecision.APPROVE, null));
        assertThat(approved.status()).isEqualTo(RefundStatus.APPROVED);
        assertThat(approved.instructionId()).isNotNull();
        assertThat(platform.refund(refundId).instructionId()).isEqualTo(approved.instructionId());

        // The books: 3000 + 1000 + 50 yuan in, 300 out; the refund and the stray 50 still in custody.
        awaitLedger();
        SettlementResponse settlement = staff.settlement(school.institutionId(), null);
        assertThat(settlement.custodyFen()).isEqualTo(375_000).isEqualTo(settlement.liabilitiesFen());
        assertThat(settlement.covered()).isTrue();
        assertThat(settlement.prepaidFen()).isEqualTo(270_000);
        assertThat(settlement.refundingFen()).isEqualTo(100_000);
        assertThat(settlement.disbursedTotalFen()).isEqualTo(30_000);
        assertThat(regulator.settlement(school.institutionId(), beforeAnything).custodyFen())
                .isZero();
        assertThat(regulator
                        .account("CUSTODY_CASH:" + school.institutionId(), null)
                        .balanceFen())
                .isEqualTo(375_000);
        assertThat(platform.studentStatement(student, school.institutionId(), null, 100)
                        .prepaidFen())
                .isEqualTo(270_000);
        Page<AccountEntryView> entries = staff.accountEntries(
                "STUDENT_PREPAID:" + school.institutionId() + ":" + student,
                beforeAnything,
                OffsetDateTime.now(BEIJING).plusDays(1),
                0,
                100);
        assertThat(entries.items())
                .extracting(AccountEntryView::balanceAfterFen)
                .containsExactly(300_000L, 270_000L);
        assertThat(entries.next()).isNull();
        assertThat(platform.order(piano.orderId()).confirmedHours()).isEqualTo(2);

        TrialBalanceResponse trial = regulator.trialBalance(null);
        assertThat(trial.balanced()).isTrue();
        assertThat(trial.totalDebitFen()).isEqualTo(trial.totalCreditFen());
        assertThat(regulator.trialBalance(beforeAnything).accounts())
                .noneMatch(line -> line.accountCode().contains(school.institutionId()));
        assertThat(journalChainedFromTheFirstEntry())
                .anyMatch(entry -> entry.postings().stream()
                        .anyMatch(posting -> posting.accountCode().equals("CUSTODY_CASH:" + school.institutionId())));

        // The bank's statement names only the first payment: the ledger's other three facts are missing in it.
        // Its period runs from the payment's day to today: the lesson came a day after the payment.
        String day =
                payment.receivedAt().atZoneSameInstant(BEIJING).toLocalDate().toString();
        String today = OffsetDateTime.now(clock)
                .atZoneSameInstant(BEIJING)
                .toLocalDate()
                .toString();
        String account = school.custodyAccountNo();
        ReconciliationReport report = bank.sendStatement(
                ("custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal\n"
                                + account + "," + day + ",OPBD,0,,BOOK,false\n"
                                + account + "," + day + ",CRDT,300000," + payment.bankTxnId() + ",BOOK,false\n"
                                + account + "," + today + ",CLBD,300000,,BOOK,false\n")
                        .getBytes(StandardCharsets.UTF_8),
                StatementFormat.CSV);
        assertThat(report.matched()).isEqualTo(1);
        assertThat(report.missingInBank()).hasSize(3);
        assertThat(report.ledgerClosingFen()).isEqualTo(375_000);
        assertThat(report.reconciled()).isFalse();
        assertThat(regulator.reconciliations(school.institutionId(), null, 100).items())
                .extracting(ReconciliationSummary::statementId)
                .containsExactly(report.statementId());
        assertThat(staff.reconciliation(report.statementId())).isEqualTo(report);
    }

    @Test
    void disputes_contests_status_changes_cancellations_and_a_wind_down_through_the_client() {
        InstitutionResponse school = register();
        LedgerClient staff = client(() -> Tokens.institution(school.institutionId()));
        String student = id("stu");

        OrderPlacedResponse unpaid = platform.placeOrder(order(school, student, "chess", 5_000, 4));
        assertThat(platform.cancelOrder(unpaid.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(platform.cancelOrder(unpaid.orderId()).status())
                .as("cancelling again changes nothing")
                .isEqualTo(OrderStatus.CANCELLED);

        OrderPlacedResponse piano = platform.placeOrder(order(school, student, "piano", 15_000, 20));
        bank.reportCollection(receipt(piano.orderId(), 300_000, school.custodyAccountNo()));
        String lessonId = id("lesson");
        staff.reportLesson(piano.orderId(), lawfulLesson(lessonId, 2));
        assertThat(platform.confirmLesson(
                                lessonId, new LessonConfirmationRequest(LessonDecision.DISPUTE, "no teacher came"))
                        .status())
                .isEqualTo(LessonStatus.DISPUTED);
        assertThat(regulator
                        .resolveLesson(
                                lessonId, new LessonResolutionRequest(LessonOutcome.REVERSED, "confirmed absent"))
                        .status())
                .isEqualTo(LessonStatus.REVERSED);

        String refundId = id("refund");
        platform.requestRefund(piano.orderId(), new RefundRequest(refundId, "unhappy"));
        assertThat(staff.decideRefund(refundId, new RefundDecisionRequest(RefundDecision.CONTEST, "contract term"))
                        .status())
                .isEqualTo(RefundStatus.CONTESTED);
        assertThat(regulator
                        .resolveRefund(refundId, new RefundResolutionRequest(RefundOutcome.DENY, "within contract"))
                        .status())
                .isEqualTo(RefundStatus.DENIED);

        String id = school.institutionId();
        assertThat(regulator
                        .changeInstitutionStatus(id, new ChangeStatusRequest(InstitutionStatus.SUSPENDED, "inspection"))
                        .status())
                .isEqualTo(InstitutionStatus.SUSPENDED);
        assertThat(regulator
                        .changeInstitutionStatus(id, new ChangeStatusRequest(InstitutionStatus.ACTIVE, "passed"))
                        .status())
                .isEqualTo(InstitutionStatus.ACTIVE);

        WindDownResponse windDown = regulator.windDown(id, new WindDownRequest("licence revoked"));
        assertThat(windDown.status()).isEqualTo(InstitutionStatus.WINDING_DOWN);
        assertThat(windDown.refundsInstructed()).isEqualTo(1);
        assertThat(windDown.refundedFen()).isEqualTo(300_000);
        WindDownResponse repeated = regulator.windDown(id, new WindDownRequest("licence revoked"));
        assertThat(repeated.status()).isEqualTo(InstitutionStatus.WINDING_DOWN);
        assertThat(repeated.refundsInstructed())
                .as("a wind-down repeated instructs nothing more")
                .isZero();
    }

    private InstitutionResponse register() {
        String id = newCreditCode();
        InstitutionResponse registered = regulator.registerInstitution(new RegisterInstitutionRequest(
                id, "Sunrise School " + id, Category.ARTS, SupervisionModel.BANK_CUSTODY, newAccountNo(), null));
        assertThat(registered.status()).isEqualTo(InstitutionStatus.ACTIVE);
        return registered;
    }

    private PlaceOrderRequest order(
            InstitutionResponse school, String student, String subject, long pricePerHourFen, int hours) {
        String orderId = id("order");
        return new PlaceOrderRequest(
                orderId,
                school.institutionId(),
                student,
                "contract-" + orderId,
                new Course(
                        "course-" + subject,
                        subject,
                        CourseMode.OFFLINE,
                        pricePerHourFen,
                        hours,
                        today().plusDays(1),
                        today().plusDays(60)));
    }

    private CollectionRequest receipt(String orderId, long amountFen, String custodyAccountNo) {
        return new CollectionRequest(id("txn"), orderId, amountFen, custodyAccountNo, OffsetDateTime.now(clock));
    }

    /** A lesson that could have happened, within every lesson-time rule (see {@link #lesson(String, int)}). */
    private ReportLessonRequest lawfulLesson(String lessonId, int hours) {
        Map<String, Object> lesson = lesson(lessonId, hours);
        return new ReportLessonRequest(
                lessonId, hours, OffsetDateTime.parse((String) lesson.get("startedAt")), OffsetDateTime.parse((String)
                        lesson.get("endedAt")));
    }

    /** Pages through the pending instructions, as a bank does, until it finds this one. */
    private Optional<InstructionView> pendingInstruction(String instructionId) {
        String afterId = null;
        for (int page = 0; page < PAGES_MAX; page++) {
            Page<InstructionView> pending = bank.instructions(InstructionStatus.PENDING, afterId, 100);
            Optional<InstructionView> found = pending.items().stream()
                    .filter(i -> i.instructionId().equals(instructionId))
                    .findFirst();
            if (found.isPresent() || pending.next() == null) {
                return found;
            }
            afterId = pending.next();
        }
        throw new AssertionError("more than " + PAGES_MAX + " pages of pending instructions");
    }

    /** The whole journal, page by page, after checking that each entry chains to the one before. */
    private List<JournalEntryView> journalChainedFromTheFirstEntry() {
        List<JournalEntryView> journal = new ArrayList<>();
        long afterSeq = 0;
        for (int page = 0; page < PAGES_MAX; page++) {
            Page<JournalEntryView> entries = regulator.journal(afterSeq, 1000);
            for (JournalEntryView entry : entries.items()) {
                if (!journal.isEmpty()) {
                    assertThat(entry.prevHash())
                            .as("entry " + entry.seq())
                            .isEqualTo(journal.get(journal.size() - 1).hash());
                }
                journal.add(entry);
            }
            if (entries.next() == null) {
                return journal;
            }
            afterSeq = Long.parseLong(entries.next());
        }
        throw new AssertionError("more than " + PAGES_MAX + " pages of journal");
    }
}
