package com.tuitionescrow.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.audit.InstitutionSort;
import com.tuitionescrow.ledger.api.bank.CollectionBatchRequest;
import com.tuitionescrow.ledger.api.bank.CollectionRequest;
import com.tuitionescrow.ledger.api.client.LedgerClient;
import com.tuitionescrow.ledger.api.client.RetryPolicy;
import com.tuitionescrow.ledger.api.enrollment.Course;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonConfirmationRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonDecision;
import com.tuitionescrow.ledger.api.enrollment.LessonOutcome;
import com.tuitionescrow.ledger.api.enrollment.LessonResolutionRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.PlaceOrderRequest;
import com.tuitionescrow.ledger.api.enrollment.ReportLessonRequest;
import com.tuitionescrow.ledger.api.institution.Category;
import com.tuitionescrow.ledger.api.institution.ChangeStatusRequest;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.institution.RegisterInstitutionRequest;
import com.tuitionescrow.ledger.api.institution.SupervisionModel;
import com.tuitionescrow.ledger.api.institution.WindDownRequest;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.api.instruction.InstructionResolutionRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionResultRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.api.reconciliation.StatementFormat;
import com.tuitionescrow.ledger.api.refund.RefundDecision;
import com.tuitionescrow.ledger.api.refund.RefundDecisionRequest;
import com.tuitionescrow.ledger.api.refund.RefundOutcome;
import com.tuitionescrow.ledger.api.refund.RefundRequest;
import com.tuitionescrow.ledger.api.refund.RefundResolutionRequest;
import com.tuitionescrow.ledger.client.FlakyGateway.Answer;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The client and the committed OpenAPI document name the same endpoints: each method is called
 * once against a stand-in, and the method and path it sent must be an operation of the document,
 * every operation reached by one method. An endpoint added to the service without a client method
 * fails here.
 */
class LedgerClientContractTest {

    /** Every list the answers' records hold, empty, so that any of them reads this one answer. */
    private static final String ANY_ANSWER = "{\"items\":[],\"results\":[],\"instructions\":[],\"violations\":[],"
            + "\"lessons\":[],\"accounts\":[],\"orders\":[],\"postings\":[],\"missingInLedger\":[],"
            + "\"missingInBank\":[],\"amountMismatches\":[],\"pending\":[],\"reversed\":[],\"institutions\":[],"
            + "\"days\":[],\"weeks\":[]}";

    /** The ranking's answer: its counts bear names other answers give lists. */
    private static final String RANKING_ANSWER = "{\"items\":[],\"offset\":0,\"matching\":0,\"institutions\":0,"
            + "\"custodyFen\":0,\"unconsumedFen\":0,\"violations\":0}";

    @Test
    void there_is_one_method_for_every_operation_of_the_openapi_document() throws Exception {
        List<String> operations = operationsOfTheDocument();
        Set<String> sent = new TreeSet<>();
        try (FlakyGateway ledger = FlakyGateway.standalone()) {
            List<FlakyGateway.Step> answers = new ArrayList<>();
            answers.add(Answer.json(200, RANKING_ANSWER));
            answers.addAll(Collections.nCopies(operations.size() + 5, Answer.json(200, ANY_ANSWER)));
            ledger.then(answers.toArray(FlakyGateway.Step[]::new));
            callEveryMethod(LedgerClient.builder()
                    .baseUri(ledger.uri())
                    .bearerToken(() -> "token")
                    .bankSecret("any-secret")
                    .retry(RetryPolicy.none())
                    .build());
            ledger.received().forEach(call -> sent.add(templateOf(call.method(), call.pathAndQuery(), operations)));
        }

        assertThat(sent).containsExactlyInAnyOrderElementsOf(operations);
        assertThat(publicMethodsOfTheClient()).as("one method per operation").isEqualTo(operations.size());
    }

    /** {@code POST /v1/orders/{orderId}/lessons} and so on, from ledger-api's committed document. */
    private static List<String> operationsOfTheDocument() throws Exception {
        JsonNode paths = new ObjectMapper()
                .readTree(Path.of(System.getProperty("openapi.document")).toFile())
                .get("paths");
        List<String> operations = new ArrayList<>();
        paths.fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (path.getKey().startsWith("/v1/")) {
                        operations.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        return operations;
    }

    /** The operation this sent call matches, or the call itself when it matches none. */
    private static String templateOf(String method, String pathAndQuery, List<String> operations) {
        String call = method + " " + pathAndQuery.replaceFirst("\\?.*$", "");
        return operations.stream()
                .filter(operation -> call.matches(operation.replaceAll("\\{[^}]+}", "[^/]+")))
                .findFirst()
                .orElse(call);
    }

    private static long publicMethodsOfTheClient() {
        return Arrays.stream(LedgerClient.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                // Not an operation: it counts the attempts of the calls it is given.
                .filter(name -> !name.equals("counted"))
                .collect(Collectors.toSet())
                .size();
    }

    private static void callEveryMethod(LedgerClient client) {
        OffsetDateTime now = OffsetDateTime.parse("2026-03-02T19:00:00+08:00");
        String institution = "91350100M000100Y43";
        // First: its answer, counts where other answers have lists, is the gateway's first (RANKING_ANSWER).
        client.rankInstitutions(null, null, false, InstitutionSort.RISK, true, 0, 50);
        CollectionRequest receipt = new CollectionRequest("TXN-1", "order-1", 1L, "6222020200112233", now);

        client.registerInstitution(new RegisterInstitutionRequest(
                institution, "School", Category.ARTS, SupervisionModel.BANK_CUSTODY, "6222020200112233", null));
        client.institution(institution);
        client.changeInstitutionStatus(institution, new ChangeStatusRequest(InstitutionStatus.SUSPENDED, "inspection"));
        client.windDown(institution, new WindDownRequest("closing"));
        client.windDownStatus(institution);
        client.placeOrder(new PlaceOrderRequest(
                "order-1",
                institution,
                "stu-1",
                "contract-1",
                new Course(
                        "course-1",
                        "piano",
                        CourseMode.OFFLINE,
                        1L,
                        1,
                        LocalDate.parse("2026-03-03"),
                        LocalDate.parse("2026-04-03"))));
        client.order("order-1");
        client.cancelOrder("order-1");
        client.reportLesson("order-1", new ReportLessonRequest("lesson-1", 1, now, now.plusMinutes(25)));
        client.confirmLesson("lesson-1", new LessonConfirmationRequest(LessonDecision.CONFIRM, null));
        client.resolveLesson("lesson-1", new LessonResolutionRequest(LessonOutcome.CONSUMED, null));
        client.requestRefund("order-1", new RefundRequest("refund-1", "moving"));
        client.decideRefund("refund-1", new RefundDecisionRequest(RefundDecision.APPROVE, null));
        client.resolveRefund("refund-1", new RefundResolutionRequest(RefundOutcome.APPROVE, null));
        client.refund("refund-1");
        client.reportCollection(receipt);
        client.reportCollections(new CollectionBatchRequest(List.of(receipt)));
        client.instructions(null, null, 100);
        client.answerInstruction(
                "instruction-1", new InstructionResultRequest(InstructionOutcome.EXECUTED, "TXN-2", now, null));
        client.instructionsInStatus(InstructionStatus.UNDELIVERABLE, null, 100);
        client.resolveInstruction(
                "instruction-1", new InstructionResolutionRequest(null, "the payer's account was found"));
        client.sendStatement(
                "custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal\n"
                        .getBytes(StandardCharsets.UTF_8),
                StatementFormat.CSV);
        client.reconciliations(institution, null, 100);
        client.reconciliation("stmt-1");
        client.runDisbursement(new DisbursementRunRequest(null));
        client.disbursementRun("release-run-1");
        client.settlement(institution, null);
        client.studentStatement("stu-1", institution, null, 100);
        client.account("CUSTODY_CASH:" + institution, null);
        client.accountEntries("CUSTODY_CASH:" + institution, null, null, 0, 100);
        client.trialBalance(null);
        client.journal(0, 100);
        client.verification();
        client.checkpoints(0, 100);
        client.publishCheckpoint();
        client.checkpointKey();
        client.violations(institution, null, null, null, 100);
        client.institutionOverviews(null, 100);
        client.searchJournal(institution, null, "order-1", "CollectionApplied", now.minusDays(1), now, 0, 100);
        client.lessons(institution, List.of(LessonStatus.DISPUTED), null, 100);
        client.refunds(null, List.of(), null, 100);
        client.custodyHistory(institution, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-01"));
        client.weeklyActivity(institution, 12);
    }
}
