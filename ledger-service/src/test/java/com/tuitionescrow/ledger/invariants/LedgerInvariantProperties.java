package com.tuitionescrow.ledger.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.spring.JqwikSpringSupport;
import org.jooq.impl.DSL;

/**
 * Random lives of orders against the real service: sales, payments right and wrong, lessons,
 * answers, rulings, cancellations and the passing of time. After every step, read back from the
 * ledger: debits equal credits; each institution's custody cash equals the sum of what it owes; no
 * student's prepaid balance is negative and each equals what the orders say is unconsumed; and no
 * student holds more than the caps allow.
 */
@JqwikSpringSupport
class LedgerInvariantProperties extends LedgerIntegrationTest {

    private static final int STUDENTS = 2;

    interface Step {
    }

    /** Sales go to the first institution; the second one's account is where misdirected money lands. */
    record Sell(int student, int subject, int hours, long pricePerHourFen) implements Step {
    }

    enum PaymentKind { EXACT, WRONG_AMOUNT, WRONG_ACCOUNT, UNKNOWN_ORDER }

    record Pay(int order, PaymentKind kind) implements Step {
    }

    record Teach(int order, int hours) implements Step {
    }

    record Answer(int lesson, String decision) implements Step {
    }

    record Rule(int lesson, String outcome) implements Step {
    }

    record Cancel(int order) implements Step {
    }

    record LetPaymentWindowPass() implements Step {
    }

    /** What this try has created, to pick the targets of later steps. */
    private static final class World {
        final List<Institution> institutions = new ArrayList<>();
        final List<String> students = new ArrayList<>();
        final List<String[]> orders = new ArrayList<>();   // {orderId, institution index}
        final List<String> lessons = new ArrayList<>();
    }

    @BeforeTry
    void connectEachTry() {
        http = new Http(port, clock);
    }

    @Property(tries = 15, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void every_step_leaves_the_books_balanced_and_covered(@ForAll("lives") List<Step> steps) {
        World world = new World();
        world.institutions.add(newInstitution());
        world.institutions.add(newInstitution());
        for (int i = 0; i < STUDENTS; i++) {
            world.students.add(id("stu"));
        }
        for (Step step : steps) {
            Http.Response response = perform(step, world);
            if (response != null) {
                assertThat(response.status()).as(step + " answered " + response).isIn(200, 201, 422);
            }
            assertInvariants(world);
        }
    }

    /**
     * Lives biased towards the edges: two students share the sales, two orders of typical size reach
     * the 5000-yuan cap, and most payments are exact so that paid orders pile up against it.
     */
    @Provide
    Arbitrary<List<Step>> lives() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 50).withDistribution(RandomDistribution.uniform());
        Arbitrary<Step> sell = Combinators.combine(
                Arbitraries.integers().between(0, STUDENTS - 1), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(5, 30).withDistribution(RandomDistribution.uniform()),
                Arbitraries.longs().between(5_000, 25_000).withDistribution(RandomDistribution.uniform())).as(Sell::new);
        Arbitrary<Step> payExactly = pick.map(order -> new Pay(order, PaymentKind.EXACT));
        Arbitrary<Step> payWrongly = Combinators.combine(pick, Arbitraries.of(PaymentKind.WRONG_AMOUNT,
                PaymentKind.WRONG_ACCOUNT, PaymentKind.UNKNOWN_ORDER)).as(Pay::new);
        Arbitrary<Step> teach = Combinators.combine(pick, Arbitraries.integers().between(1, 12)).as(Teach::new);
        Arbitrary<Step> answer = Combinators.combine(pick, Arbitraries.of("CONFIRM", "DISPUTE")).as(Answer::new);
        Arbitrary<Step> rule = Combinators.combine(pick, Arbitraries.of("CONSUMED", "REVERSED")).as(Rule::new);
        Arbitrary<Step> cancel = pick.map(Cancel::new);
        Arbitrary<Step> time = Arbitraries.just(new LetPaymentWindowPass());
        return Arbitraries.frequencyOf(
                        Tuple.of(6, sell), Tuple.of(6, payExactly), Tuple.of(2, payWrongly), Tuple.of(4, teach),
                        Tuple.of(2, answer), Tuple.of(1, rule), Tuple.of(1, cancel), Tuple.of(1, time))
                .list().ofMinSize(10).ofMaxSize(30);
    }

    /** Performs the step; null when it had nothing to act on yet. */
    private Http.Response perform(Step step, World world) {
        if (step instanceof Sell s) {
            String orderId = id("order");
            Http.Response placed = placeOrder(orderId, world.institutions.get(0),
                    world.students.get(s.student()), course("subject" + s.subject(), s.pricePerHourFen(), s.hours()));
            if (placed.status() == 201) {
                world.orders.add(new String[] {orderId, "0"});
            }
            return placed;
        }
        if (step instanceof LetPaymentWindowPass) {
            clock.advance(Duration.ofMinutes(31));
            return null;
        }
        if (world.orders.isEmpty()) {
            return null;
        }
        if (step instanceof Pay p) {
            String[] order = world.orders.get(p.order() % world.orders.size());
            int owner = Integer.parseInt(order[1]);
            String account = world.institutions.get(p.kind() == PaymentKind.WRONG_ACCOUNT ? 1 - owner : owner).custodyAccountNo();
            long amount = order(order[0]).get("amountFen").asLong() + (p.kind() == PaymentKind.WRONG_AMOUNT ? 1 : 0);
            return collect(p.kind() == PaymentKind.UNKNOWN_ORDER ? id("no-such-order") : order[0], amount, account);
        }
        if (step instanceof Teach t) {
            String[] order = world.orders.get(t.order() % world.orders.size());
            String lessonId = id("lesson");
            Http.Response reported = reportLesson(world.institutions.get(Integer.parseInt(order[1])), order[0],
                    lesson(lessonId, t.hours(), 2));
            if (reported.status() == 201) {
                world.lessons.add(lessonId);
            }
            return reported;
        }
        if (step instanceof Cancel c) {
            return http.post("/v1/orders/" + world.orders.get(c.order() % world.orders.size())[0] + "/cancel",
                    Tokens.platform(), Map.of());
        }
        if (world.lessons.isEmpty()) {
            return null;
        }
        if (step instanceof Answer a) {
            return http.post("/v1/lessons/" + world.lessons.get(a.lesson() % world.lessons.size()) + "/confirmation",
                    Tokens.platform(), Map.of("decision", a.decision()));
        }
        Rule r = (Rule) step;
        return http.post("/v1/lessons/" + world.lessons.get(r.lesson() % world.lessons.size()) + "/resolution",
                Tokens.regulator(), Map.of("outcome", r.outcome()));
    }

    private void assertInvariants(World world) {
        awaitLedger();
        Http.Response trial = http.get("/v1/audit/trial-balance", Tokens.regulator());
        assertThat(trial.body().get("totalDebitFen").asLong()).isEqualTo(trial.body().get("totalCreditFen").asLong());
        assertThat(trial.body().get("balanced").asBoolean()).isTrue();

        for (Institution institution : world.institutions) {
            JsonNode settlement = http.get("/v1/institutions/" + institution.id() + "/settlement", Tokens.regulator()).body();
            assertThat(settlement.get("custodyFen").asLong()).as("custody of " + institution.id())
                    .isEqualTo(settlement.get("liabilitiesFen").asLong());
            assertThat(settlement.get("custodyFen").asLong()).isGreaterThanOrEqualTo(settlement.get("prepaidFen").asLong());
            assertThat(settlement.get("prepaidFen").asLong()).isNotNegative();

            for (String student : world.students) {
                assertStudent(institution, student);
            }
        }
    }

    /** The ledger's prepaid balance agrees with the orders, and the caps hold over the orders. */
    private void assertStudent(Institution institution, String student) {
        Map<String, Long> unconsumed = new HashMap<>();
        long outstandingFen = 0;
        long outstandingHours = 0;
        long expectedPrepaid = 0;
        for (var order : db.select(DSL.field("status", String.class), DSL.field("hours", Integer.class),
                        DSL.field("consumed_hours", Integer.class), DSL.field("price_per_hour_fen", Long.class),
                        DSL.field("pay_by", java.time.OffsetDateTime.class))
                .from(DSL.table("course_order"))
                .where(DSL.field("institution_id").eq(institution.id()), DSL.field("student_id").eq(student))
                .fetch()) {
            long remaining = order.value2() - order.value3();
            boolean paid = order.value1().equals("PAID") || order.value1().equals("COMPLETED");
            boolean reserving = order.value1().equals("AWAITING_PAYMENT")
                    && order.value5().toInstant().isAfter(clock.instant());
            if (paid) {
                expectedPrepaid += remaining * order.value4();
            }
            if (paid || reserving) {
                outstandingFen += remaining * order.value4();
                outstandingHours += remaining;
            }
        }
        unconsumed.put(student, expectedPrepaid);
        Http.Response prepaid = http.get("/v1/accounts/STUDENT_PREPAID:" + institution.id() + ":" + student, Tokens.regulator());
        long ledgerPrepaid = prepaid.status() == 404 ? 0 : prepaid.body().get("balanceFen").asLong();
        assertThat(ledgerPrepaid).as("prepaid of " + student + " at " + institution.id()).isNotNegative()
                .isEqualTo(unconsumed.get(student));
        assertThat(outstandingFen).as("outstanding fen of " + student).isLessThanOrEqualTo(500_000);
        assertThat(outstandingHours).as("outstanding hours of " + student).isLessThanOrEqualTo(60);
    }
}
