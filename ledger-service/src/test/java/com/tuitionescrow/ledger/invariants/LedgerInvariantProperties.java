package com.tuitionescrow.ledger.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.BooksCheck;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import com.tuitionescrow.ledger.support.WorkingDaysByHand;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.spring.JqwikSpringSupport;
import org.jooq.impl.DSL;

/**
 * Random lives of orders against the real service: sales, payments right and wrong (and right but
 * reported after the order expired), lessons that could have happened and lessons that could not
 * (before the course or the payment, not over yet, too short for their hours, overlapping another),
 * answers in time and too late, rulings, cancellations, release runs, the bank's answers to
 * instructions (executed or failed, again and again), refunds asked for, answered, contested and ruled
 * on, and the passing of time past the payment, refund and confirmation windows. After every step,
 * read back from the ledger ({@link BooksCheck}): debits equal credits; each institution's custody
 * cash equals the sum of what it owes and covers its unconsumed prepaid money; money is in transit
 * only while the bank has an instruction for it or a regulator an undeliverable one; for each student,
 * the prepaid balance is never negative and equals what the orders say is unconsumed, and no student
 * holds more than the caps allow. And the cycle cannot be gamed: every lesson recorded could have
 * happened; money is released only for lessons confirmed (by the parent, a ruling, or a window that
 * has closed) and no lesson or refund still waits for an answer its window no longer allows; every
 * approved refund is paid or has an instruction with the bank or a regulator; every fen held in
 * suspense is on its way back or will be taken by the next run.
 */
@JqwikSpringSupport
class LedgerInvariantProperties extends LedgerIntegrationTest {

    private static final int STUDENTS = 2;

    interface Step {}

    /** Sales go to the first institution; the second one's account is where misdirected money lands. */
    /** A course of {@code hours} starting {@code startsInDays} from the ledger's today (earlier, when negative), for 60 days. */
    record Sell(int student, int subject, int hours, long pricePerHourFen, int startsInDays) implements Step {}

    /** LATE_REPORT: received a minute after the sale, reported whenever the step comes (after expiry, maybe). */
    enum PaymentKind {
        EXACT,
        LATE_REPORT,
        WRONG_AMOUNT,
        WRONG_ACCOUNT,
        UNKNOWN_ORDER
    }

    record Pay(int order, PaymentKind kind) implements Step {}

    /** How the institution reports a lesson: as it could have happened, or in one of the ways it could not. */
    enum Timing {
        PLAUSIBLE,
        BEFORE_COURSE,
        BEFORE_PAYMENT,
        NOT_ENDED,
        TOO_SHORT,
        OVERLAPPING
    }

    record Teach(int order, int hours, Timing timing) implements Step {}

    record Answer(int lesson, String decision) implements Step {}

    record Rule(int lesson, String outcome) implements Step {}

    record Cancel(int order) implements Step {}

    record LetPaymentWindowPass() implements Step {}

    /** 序时拨付, which also answers the windows that closed and instructs suspense returns. */
    record RunRelease() implements Step {}

    /** The bank answers one of the pending instructions of the two institutions (after a run, if none is pending). */
    record AnswerInstruction(int instruction, boolean executed) implements Step {}

    record AskRefund(int order) implements Step {}

    /** The institution's answer: APPROVE or CONTEST. */
    record AnswerRefund(int refund, String decision) implements Step {}

    /** A regulator's ruling on a contested refund: APPROVE or DENY. */
    record RuleRefund(int refund, String outcome) implements Step {}

    enum Window {
        REFUND,
        CONFIRMATION
    }

    /** The clock moves past every refund (5 working days) or confirmation (15) window open now. */
    record LetWindowPass(Window window) implements Step {}

    /** What this try has created, to pick the targets of later steps. */
    private static final class World {
        final List<Institution> institutions = new ArrayList<>();
        final List<String> students = new ArrayList<>();
        final List<String[]> orders = new ArrayList<>(); // {orderId, institution index}
        final List<String> lessons = new ArrayList<>();
        final List<String> refunds = new ArrayList<>();
        /** Each student's last lesson recorded: its id, start and end. */
        final Map<String, String[]> lastLesson = new java.util.HashMap<>();
    }

    private String lessonStart;
    private String lessonEnd;

    private BooksCheck books;

    @BeforeTry
    void connectEachTry() {
        http = new Http(port, clock);
        books = new BooksCheck(http, this::awaitLedger);
    }

    @Property(tries = 10, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void every_step_leaves_the_books_balanced_and_covered(@ForAll("lives") List<Step> steps) {
        World world = new World();
        world.institutions.add(newInstitution());
        world.institutions.add(newInstitution());
        for (int i = 0; i < STUDENTS; i++) {
            world.students.add(id("stu"));
        }
        List<Step> done = new ArrayList<>();
        for (Step step : steps) {
            done.add(step);
            Http.Response response = perform(step, world);
            // The report shows how often each step did something, so a change that starves a path shows.
            Statistics.label("steps")
                    .collect(step.getClass().getSimpleName() + " " + (response == null ? "-" : response.status()));
            if (response != null) {
                assertThat(response.status()).as(step + " answered " + response).isIn(expectedStatuses(step));
            }
            assertInvariants(world, "after " + done);
        }
    }

    /** A step may be refused by a business rule (422); only the bank's answer to a pending instruction may not. */
    private static Set<Integer> expectedStatuses(Step step) {
        if (step instanceof AnswerInstruction || step instanceof RunRelease) {
            return Set.of(200);
        }
        return Set.of(200, 201, 422);
    }

    /**
     * Lives biased towards the edges: two students share the sales, two orders of typical size reach
     * the 5000-yuan cap, and most payments are exact so that paid orders pile up against it. Most
     * lessons are confirmed, so that runs find money to release; the bank executes two instructions
     * for every one it fails, so that both the paid-out and the returned paths are walked; refunds are
     * asked for often enough to meet pending lessons, releases and disputes; and the clock passes the
     * refund window more often than the long confirmation window, which moves it three weeks. Courses
     * start anywhere from twenty days ago to a month ahead; one lesson in seven could not have happened.
     */
    @Provide
    Arbitrary<List<Step>> lives() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 50).withDistribution(RandomDistribution.uniform());
        Arbitrary<Step> sell = Combinators.combine(
                        Arbitraries.integers().between(0, STUDENTS - 1),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(5, 30).withDistribution(RandomDistribution.uniform()),
                        Arbitraries.longs().between(5_000, 25_000).withDistribution(RandomDistribution.uniform()),
                        Arbitraries.integers().between(-20, 30))
                .as(Sell::new);
        Arbitrary<Step> payExactly = pick.map(order -> new Pay(order, PaymentKind.EXACT));
        Arbitrary<Step> payWrongly = Combinators.combine(
                        pick,
                        Arbitraries.of(
                                PaymentKind.LATE_REPORT,
                                PaymentKind.WRONG_AMOUNT,
                                PaymentKind.WRONG_ACCOUNT,
                                PaymentKind.UNKNOWN_ORDER))
                .as(Pay::new);
        Arbitrary<Step> teach = Combinators.combine(
                        pick,
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.frequencyOf(
                                Tuple.of(6, Arbitraries.just(Timing.PLAUSIBLE)),
                                Tuple.of(
                                        1,
                                        Arbitraries.of(
                                                Timing.BEFORE_COURSE,
                                                Timing.BEFORE_PAYMENT,
                                                Timing.NOT_ENDED,
                                                Timing.TOO_SHORT,
                                                Timing.OVERLAPPING))))
                .as(Teach::new);
        Arbitrary<Step> answer = Combinators.combine(
                        pick,
                        Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.just("CONFIRM")), Tuple.of(1, Arbitraries.just("DISPUTE"))))
                .as(Answer::new);
        Arbitrary<Step> rule = Combinators.combine(pick, Arbitraries.of("CONSUMED", "REVERSED"))
                .as(Rule::new);
        Arbitrary<Step> cancel = pick.map(Cancel::new);
        Arbitrary<Step> paymentWindow = Arbitraries.just(new LetPaymentWindowPass());
        Arbitrary<Step> run = Arbitraries.just(new RunRelease());
        Arbitrary<Step> bankAnswer = Combinators.combine(
                        pick,
                        Arbitraries.frequencyOf(
                                Tuple.of(2, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))))
                .as(AnswerInstruction::new);
        Arbitrary<Step> askRefund = pick.map(AskRefund::new);
        Arbitrary<Step> answerRefund = Combinators.combine(
                        pick,
                        Arbitraries.frequencyOf(
                                Tuple.of(2, Arbitraries.just("APPROVE")), Tuple.of(1, Arbitraries.just("CONTEST"))))
                .as(AnswerRefund::new);
        Arbitrary<Step> ruleRefund =
                Combinators.combine(pick, Arbitraries.of("APPROVE", "DENY")).as(RuleRefund::new);
        Arbitrary<Step> window = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(new LetWindowPass(Window.REFUND))),
                Tuple.of(1, Arbitraries.just(new LetWindowPass(Window.CONFIRMATION))));
        Arbitrary<List<Step>> life = Arbitraries.frequencyOf(
                        Tuple.of(2, sell),
                        Tuple.of(3, payExactly),
                        Tuple.of(1, payWrongly),
                        Tuple.of(6, teach),
                        Tuple.of(5, answer),
                        Tuple.of(1, rule),
                        Tuple.of(1, cancel),
                        Tuple.of(1, paymentWindow),
                        Tuple.of(4, run),
                        Tuple.of(5, bankAnswer),
                        Tuple.of(2, askRefund),
                        Tuple.of(2, answerRefund),
                        Tuple.of(1, ruleRefund),
                        Tuple.of(1, window))
                // Each step waits for the journal and reads every order of the life back: 10 tries of this
                // length keep the property near a minute on a loaded 2-core machine.
                .list()
                .ofMinSize(10)
                .ofMaxSize(22);
        // Each life starts with both students holding a paid order, so that its first steps already
        // have lessons to teach and money to release or refund.
        Arbitrary<List<Step>> start = Combinators.combine(
                        Arbitraries.integers().between(10, 30),
                                Arbitraries.longs().between(5_000, 15_000),
                        Arbitraries.integers().between(10, 30),
                                Arbitraries.longs().between(5_000, 15_000))
                .as((hours0, price0, hours1, price1) -> List.of(
                        new Sell(0, 0, hours0, price0, 1),
                        new Pay(0, PaymentKind.EXACT),
                        new Sell(1, 1, hours1, price1, 1),
                        new Pay(1, PaymentKind.EXACT)));
        return Combinators.combine(start, life).as((first, then) -> {
            List<Step> steps = new ArrayList<>(first);
            steps.addAll(then);
            return steps;
        });
    }

    /** Performs the step; null when it had nothing to act on yet. */
    private Http.Response perform(Step step, World world) {
        if (step instanceof Sell s) {
            String orderId = id("order");
            Http.Response placed = placeOrder(
                    orderId,
                    world.institutions.get(0),
                    world.students.get(s.student()),
                    course(
                            "subject" + s.subject(),
                            "OFFLINE",
                            s.pricePerHourFen(),
                            s.hours(),
                            today().plusDays(s.startsInDays()),
                            today().plusDays(s.startsInDays() + 60)));
            if (placed.status() == 201) {
                world.orders.add(new String[] {orderId, "0"});
            }
            return placed;
        }
        if (step instanceof LetPaymentWindowPass) {
            clock.advance(Duration.ofMinutes(31));
            return null;
        }
        if (step instanceof LetWindowPass w) {
            Instant now = clock.instant();
            Instant closes = WorkingDaysByHand.windowCloses(now, w.window() == Window.REFUND ? 5 : 15);
            clock.advance(Duration.between(now, closes).plusMinutes(1));
            return null;
        }
        if (step instanceof RunRelease) {
            return http.post("/v1/disbursements/run", Tokens.platform(), Map.of());
        }
        if (step instanceof AnswerInstruction a) {
            return answerInstruction(a, world);
        }
        if (world.orders.isEmpty()) {
            return null;
        }
        if (step instanceof Pay p) {
            if (p.kind() == PaymentKind.LATE_REPORT) {
                return payLate(world, p.order());
            }
            String[] order = p.kind() == PaymentKind.EXACT
                    ? pickOrder(world, p.order(), "AWAITING_PAYMENT")
                    : world.orders.get(p.order() % world.orders.size());
            int owner = Integer.parseInt(order[1]);
            String account = world.institutions
                    .get(p.kind() == PaymentKind.WRONG_ACCOUNT ? 1 - owner : owner)
                    .custodyAccountNo();
            long amount = order(order[0]).get("amountFen").asLong() + (p.kind() == PaymentKind.WRONG_AMOUNT ? 1 : 0);
            return collect(p.kind() == PaymentKind.UNKNOWN_ORDER ? id("no-such-order") : order[0], amount, account);
        }
        if (step instanceof Teach t) {
            String[] order = pickOrder(world, t.order(), "PAID");
            // Mostly hours that fit; one more than is left now and then, to be refused.
            int left = order(order[0]).get("remainingHours").asInt();
            int hours = 1 + (t.hours() - 1) % (left + 1);
            String lessonId = id("lesson");
            Http.Response reported = reportLesson(
                    world.institutions.get(Integer.parseInt(order[1])),
                    order[0],
                    lessonFor(order[0], lessonId, hours, t.timing(), world));
            if (t.timing() != Timing.PLAUSIBLE
                    && order(order[0]).get("status").asText().equals("PAID")) {
                assertThat(reported.status())
                        .as("a lesson that could not have happened (" + t.timing() + ") is refused: " + reported)
                        .isEqualTo(422);
            }
            if (reported.status() == 201) {
                world.lessons.add(lessonId);
                world.lastLesson.put(
                        order(order[0]).get("studentId").asText(), new String[] {lessonId, lessonStart, lessonEnd});
            }
            return reported;
        }
        if (step instanceof Cancel c) {
            return http.post(
                    "/v1/orders/" + world.orders.get(c.order() % world.orders.size())[0] + "/cancel",
                    Tokens.platform(),
                    Map.of());
        }
        if (step instanceof AskRefund r) {
            String refundId = id("refund");
            Http.Response requested = http.post(
                    "/v1/orders/" + pickOrder(world, r.order(), "PAID")[0] + "/refunds",
                    Tokens.platform(),
                    Map.of("refundId", refundId, "reason", "moving away"));
            if (requested.status() == 201) {
                world.refunds.add(refundId);
            }
            return requested;
        }
        if (step instanceof AnswerRefund a) {
            if (world.refunds.isEmpty()) {
                return null;
            }
            Map<String, Object> decision = a.decision().equals("CONTEST")
                    ? Map.of("decision", "CONTEST", "reason", "the lessons were held")
                    : Map.of("decision", "APPROVE");
            return http.post(
                    "/v1/refunds/" + pick(world.refunds, a.refund(), "refund", "refund_id", "AWAITING_INSTITUTION")
                            + "/decision",
                    Tokens.institution(world.institutions.get(0).id()),
                    decision);
        }
        if (step instanceof RuleRefund r) {
            if (world.refunds.isEmpty()) {
                return null;
            }
            return http.post(
                    "/v1/refunds/" + pick(world.refunds, r.refund(), "refund", "refund_id", "CONTESTED")
                            + "/resolution",
                    Tokens.regulator(),
                    Map.of("outcome", r.outcome()));
        }
        if (world.lessons.isEmpty()) {
            return null;
        }
        if (step instanceof Answer a) {
            return http.post(
                    "/v1/lessons/" + pick(world.lessons, a.lesson(), "lesson", "lesson_id", "AWAITING_CONFIRMATION")
                            + "/confirmation",
                    Tokens.platform(),
                    Map.of("decision", a.decision()));
        }
        Rule r = (Rule) step;
        return http.post(
                "/v1/lessons/" + pick(world.lessons, r.lesson(), "lesson", "lesson_id", "DISPUTED") + "/resolution",
                Tokens.regulator(),
                Map.of("outcome", r.outcome()));
    }

    /**
     * The {@code pick}-th of the ids whose row is in {@code status} now, or of all the ids when none
     * is: steps mostly act on something they can act on, and are refused now and then.
     */
    private String pick(List<String> ids, int pick, String table, String idColumn, String status) {
        List<String> inStatus = db.select(DSL.field(idColumn, String.class))
                .from(DSL.table(table))
                .where(DSL.field(idColumn).in(ids), DSL.field("status").eq(status))
                .fetch(DSL.field(idColumn, String.class));
        List<String> from = inStatus.isEmpty()
                ? ids
                : ids.stream().filter(inStatus::contains).toList();
        return from.get(pick % from.size());
    }

    private String[] pickOrder(World world, int pick, String status) {
        String orderId = pick(world.orders.stream().map(o -> o[0]).toList(), pick, "course_order", "order_id", status);
        return world.orders.stream()
                .filter(o -> o[0].equals(orderId))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The bank picks one of the two institutions' pending instructions and answers it. With none
     * pending, it waits for the next run first; null when that instructs nothing either.
     */
    private Http.Response answerInstruction(AnswerInstruction step, World world) {
        List<String> pending = pendingInstructions(world);
        if (pending.isEmpty()) {
            Http.Response run = http.post("/v1/disbursements/run", Tokens.platform(), Map.of());
            assertThat(run.status()).as(run.toString()).isEqualTo(200);
            pending = pendingInstructions(world);
        }
        if (pending.isEmpty()) {
            return null;
        }
        String instructionId = pending.get(step.instruction() % pending.size());
        String executedAt = OffsetDateTime.now(clock).toString();
        Map<String, Object> result = step.executed()
                ? Map.of("outcome", "EXECUTED", "bankTxnId", id("out"), "executedAt", executedAt)
                : Map.of(
                        "outcome",
                        "FAILED",
                        "bankTxnId",
                        id("out"),
                        "executedAt",
                        executedAt,
                        "reason",
                        "payee account closed");
        return http.post("/v1/bank/instructions/" + instructionId + "/result", Tokens.bank(), result);
    }

    private List<String> pendingInstructions(World world) {
        List<String> ours = world.institutions.stream().map(Institution::id).toList();
        List<String> pending = new ArrayList<>();
        String after = null;
        do {
            Http.Response page = http.get(
                    "/v1/bank/instructions?status=PENDING&limit=1000" + (after == null ? "" : "&afterId=" + after),
                    Tokens.bank());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            for (JsonNode instruction : page.body().get("items")) {
                if (ours.contains(instruction.get("institutionId").asText())) {
                    pending.add(instruction.get("instructionId").asText());
                }
            }
            after = page.body().hasNonNull("next") ? page.body().get("next").asText() : null;
        } while (after != null);
        return pending;
    }

    private void assertInvariants(World world, String steps) {
        books.after(steps, world.institutions.stream().map(Institution::id).toList());
        for (Institution institution : world.institutions) {
            for (String student : world.students) {
                assertStudent(institution, student);
            }
        }
        List<String> orderIds = world.orders.stream().map(o -> o[0]).toList();
        assertLessonsCouldHaveHappened(orderIds, steps);
        assertReleasedOnlyWhatWasConfirmed(orderIds, steps);
        assertRefundsArePaidOrInstructed(orderIds, steps);
        assertSuspenseIsOnItsWayBack(world, steps);
    }

    /** Every lesson recorded (not reversed) could have happened. */
    private void assertLessonsCouldHaveHappened(List<String> orderIds, String steps) {
        if (orderIds.isEmpty()) {
            return;
        }
        List<String> impossible = db.fetch("""
                SELECT l.lesson_id FROM lesson l JOIN course_order o ON o.order_id = l.order_id
                WHERE l.order_id IN ({0}) AND l.status <> 'REVERSED' AND (
                      l.started_at < o.paid_at
                   OR l.ended_at > l.reported_at
                   OR (l.started_at AT TIME ZONE 'Asia/Shanghai')::date < o.start_date
                   OR (l.ended_at AT TIME ZONE 'Asia/Shanghai')::date > o.end_date
                   OR l.ended_at - l.started_at < make_interval(mins => l.hours * CASE o.mode WHEN 'ONLINE' THEN 20 ELSE 40 END)
                   OR EXISTS (SELECT 1 FROM lesson m JOIN course_order p ON p.order_id = m.order_id
                              WHERE p.account_id = o.account_id AND m.lesson_id <> l.lesson_id AND m.status <> 'REVERSED'
                                AND m.started_at < l.ended_at AND l.started_at < m.ended_at))
                """, inList(orderIds)).getValues(0, String.class);
        assertThat(impossible)
                .as(steps + "\nlessons that could not have happened")
                .isEmpty();
    }

    /**
     * Each order's released money (releasable, held back, in transit, paid out) is exactly its confirmed
     * lessons' money; and no lesson or refund still waits for an answer after its window closed (reading
     * an order gives its closed windows their outcome, as any client's read does).
     */
    private void assertReleasedOnlyWhatWasConfirmed(List<String> orderIds, String steps) {
        for (String orderId : orderIds) {
            JsonNode order = order(orderId);
            long released = order.get("releasableFen").asLong()
                    + order.get("heldBackFen").asLong()
                    + order.get("disbursingFen").asLong()
                    + order.get("disbursedFen").asLong();
            long confirmed = 0;
            for (JsonNode lesson : order.get("lessons")) {
                String status = lesson.get("status").asText();
                if (status.equals("CONFIRMED") || status.equals("RESOLVED_CONSUMED")) {
                    confirmed += lesson.get("amountFen").asLong();
                }
                if (status.equals("AWAITING_CONFIRMATION")) {
                    assertThat(instant(lesson.get("confirmBy")))
                            .as(steps + "\nlesson " + lesson + " waits past its window")
                            .isAfter(clock.instant());
                }
            }
            assertThat(released).as(steps + "\nmoney released for " + order).isEqualTo(confirmed);
        }
        if (!orderIds.isEmpty()) {
            assertThat(db.fetchCount(
                            DSL.table("refund"),
                            DSL.field("order_id").in(orderIds),
                            DSL.field("status").eq("AWAITING_INSTITUTION"),
                            DSL.field("answer_by").le(OffsetDateTime.now(clock))))
                    .as(steps + "\nrefunds waiting past their window")
                    .isZero();
        }
    }

    /** An approved refund has its instruction with the bank; an undeliverable one has it with a regulator. */
    private void assertRefundsArePaidOrInstructed(List<String> orderIds, String steps) {
        if (orderIds.isEmpty()) {
            return;
        }
        List<String> stranded = db.fetch("""
                SELECT r.refund_id || ' ' || r.status || ' ' || coalesce(i.status, 'no instruction') FROM refund r
                LEFT JOIN bank_instruction i ON i.instruction_id = r.instruction_id
                WHERE r.order_id IN ({0}) AND NOT (
                      (r.status = 'APPROVED' AND i.status = 'PENDING')
                   OR (r.status = 'UNDELIVERABLE' AND i.status = 'UNDELIVERABLE')
                   OR (r.status = 'REFUNDED' AND i.status = 'EXECUTED')
                   OR r.status IN ('AWAITING_INSTITUTION', 'CONTESTED', 'DENIED'))
                """, inList(orderIds)).getValues(0, String.class);
        assertThat(stranded).as(steps + "\nrefunds neither paid nor instructed").isEmpty();
    }

    /** Money held in suspense is returned, on its way back, with a regulator, or waiting for the next run. */
    private void assertSuspenseIsOnItsWayBack(World world, String steps) {
        List<String> stuck = db.fetch(
                        """
                SELECT c.bank_txn_id FROM bank_collection c
                WHERE c.status = 'SUSPENSE' AND c.custody_account_no IN ({0}) AND c.return_instruction_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM bank_instruction i WHERE i.kind = 'SUSPENSE_RETURN'
                                  AND i.payee_ref = c.bank_txn_id AND i.status IN ('PENDING', 'EXECUTED', 'UNDELIVERABLE'))
                """,
                        inList(world.institutions.stream()
                                .map(Institution::custodyAccountNo)
                                .toList()))
                .getValues(0, String.class);
        assertThat(stuck).as(steps + "\nsuspense money no process will move").isEmpty();
    }

    /**
     * A lesson of the order as the step's timing says: one that could have happened starts on the
     * ledger's next day at 10:00 (the clock moves past its end); the others break one rule each.
     */
    private Map<String, Object> lessonFor(String orderId, String lessonId, int hours, Timing timing, World world) {
        JsonNode order = order(orderId);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(java.time.ZoneOffset.ofHours(8));
        OffsetDateTime start;
        OffsetDateTime end;
        switch (timing) {
            case BEFORE_COURSE -> {
                start = java.time.LocalDate.parse(
                                order.get("course").get("startDate").asText())
                        .minusDays(1)
                        .atTime(10, 0)
                        .atOffset(java.time.ZoneOffset.ofHours(8));
                end = start.plusMinutes(45L * hours);
            }
            case BEFORE_PAYMENT -> {
                end = now.minusMinutes(1);
                start = db.select(DSL.field("paid_at", OffsetDateTime.class))
                        .from(DSL.table("course_order"))
                        .where(DSL.field("order_id").eq(orderId))
                        .fetchOptional(0, OffsetDateTime.class)
                        .map(paidAt -> paidAt.minusMinutes(1))
                        .orElse(end.minusMinutes(45L * hours));
                if (!start.isBefore(end)) {
                    start = end.minusMinutes(45L * hours);
                }
            }
            case NOT_ENDED -> {
                end = now.plusMinutes(2);
                start = end.minusMinutes(45L * hours);
            }
            case TOO_SHORT -> {
                Map<String, Object> lawful = lesson(lessonId, hours);
                start = OffsetDateTime.parse((String) lawful.get("startedAt"));
                end = start.plusMinutes(30L * hours - 1);
            }
            case OVERLAPPING -> {
                String[] last = world.lastLesson.get(order.get("studentId").asText());
                // A reversed lesson did not happen: its time is free again.
                if (last == null
                        || db.fetchExists(
                                DSL.table("lesson"),
                                DSL.field("lesson_id").eq(last[0]),
                                DSL.field("status").eq("REVERSED"))) {
                    return lessonFor(orderId, lessonId, hours, Timing.NOT_ENDED, world);
                }
                start = OffsetDateTime.parse(last[1]).plusMinutes(1);
                end = start.plusMinutes(45L * hours);
                clock.advance(java.time.Duration.ofMinutes(45L * hours + 1));
            }
            default -> {
                // The ledger's next day, or the course's first if it starts later: the clock moves past the lesson.
                java.time.LocalDate courseStarts = java.time.LocalDate.parse(
                        order.get("course").get("startDate").asText());
                java.time.LocalDate day =
                        today().plusDays(1).isBefore(courseStarts) ? courseStarts : today().plusDays(1);
                start = day.atTime(10, 0).atOffset(java.time.ZoneOffset.ofHours(8));
                end = start.plusMinutes((long) CLASS_HOUR_MINUTES * hours);
                clock.advance(java.time.Duration.between(
                        clock.instant(), end.toInstant().plusSeconds(60)));
            }
        }
        lessonStart = start.toString();
        lessonEnd = end.toString();
        return Map.of("lessonId", lessonId, "hours", hours, "startedAt", lessonStart, "endedAt", lessonEnd);
    }

    /** Money received a minute after the sale, in time, reported now: it pays the order while the caps have room. */
    private Http.Response payLate(World world, int pick) {
        String[] order = pickOrder(world, pick, "EXPIRED");
        JsonNode read = order(order[0]);
        OffsetDateTime placedAt = instant(read.get("payBy"))
                .minus(java.time.Duration.ofMinutes(29))
                .atOffset(java.time.ZoneOffset.ofHours(8));
        Http.Response paid = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                Map.of(
                        "bankTxnId",
                        id("txn"),
                        "orderId",
                        order[0],
                        "amountFen",
                        read.get("amountFen").asLong(),
                        "custodyAccountNo",
                        world.institutions.get(Integer.parseInt(order[1])).custodyAccountNo(),
                        "receivedAt",
                        placedAt.toString()));
        if (read.get("status").asText().equals("AWAITING_PAYMENT")
                || read.get("status").asText().equals("EXPIRED")) {
            assertThat(paid.body().path("status").asText())
                    .as("a payment received in time: " + paid)
                    .isIn("APPLIED", "SUSPENSE");
        }
        return paid;
    }

    private static org.jooq.QueryPart inList(List<String> values) {
        return DSL.list(values.stream().map(DSL::val).toList());
    }

    private static Instant instant(JsonNode node) {
        return OffsetDateTime.parse(node.asText()).toInstant();
    }

    /** The ledger's prepaid balance agrees with the orders, and the caps hold over the orders. */
    private void assertStudent(Institution institution, String student) {
        long outstandingFen = 0;
        long outstandingHours = 0;
        long expectedPrepaid = 0;
        for (var order : db.select(
                        DSL.field("status", String.class),
                        DSL.field("hours", Integer.class),
                        DSL.field("consumed_hours", Integer.class),
                        DSL.field("refunded_hours", Integer.class),
                        DSL.field("price_per_hour_fen", Long.class),
                        DSL.field("pay_by", OffsetDateTime.class))
                .from(DSL.table("course_order"))
                .where(
                        DSL.field("institution_id").eq(institution.id()),
                        DSL.field("student_id").eq(student))
                .fetch()) {
            // Hours neither consumed (reported, whatever their answer) nor refunded (approved, until a failure gives
            // them back).
            long remaining = order.value2() - order.value3() - order.value4();
            assertThat(remaining).as("hours left of an order of " + student).isNotNegative();
            boolean paid = Set.of("PAID", "COMPLETED", "REFUNDED").contains(order.value1());
            boolean reserving = order.value1().equals("AWAITING_PAYMENT")
                    && order.value6().toInstant().isAfter(clock.instant());
            if (paid) {
                expectedPrepaid += remaining * order.value5();
            }
            if (paid || reserving) {
                outstandingFen += remaining * order.value5();
                outstandingHours += remaining;
            }
        }
        Http.Response prepaid =
                http.get("/v1/accounts/STUDENT_PREPAID:" + institution.id() + ":" + student, Tokens.regulator());
        long ledgerPrepaid =
                prepaid.status() == 404 ? 0 : prepaid.body().get("balanceFen").asLong();
        assertThat(ledgerPrepaid)
                .as("prepaid of " + student + " at " + institution.id())
                .isNotNegative()
                .isEqualTo(expectedPrepaid);
        assertThat(outstandingFen).as("outstanding fen of " + student).isLessThanOrEqualTo(500_000);
        assertThat(outstandingHours).as("outstanding hours of " + student).isLessThanOrEqualTo(60);
    }
}
