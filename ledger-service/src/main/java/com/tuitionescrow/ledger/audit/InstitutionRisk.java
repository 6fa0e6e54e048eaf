package com.tuitionescrow.ledger.audit;

import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.audit.InstitutionOverview;
import com.tuitionescrow.ledger.api.audit.InstitutionRanking;
import com.tuitionescrow.ledger.api.audit.InstitutionSort;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much an institution needs a regulator's eye, and the regulator's table ranked by it: the
 * server ranks, filters and pages, so that a browser draws one page of the riskiest institutions
 * however many the ledger has.
 */
final class InstitutionRisk {

    private InstitutionRisk() {}

    /**
     * The overview with its risk, highest first: money the bank does not show, custody short of the
     * fees it holds, a standing other than active, statements that do not reconcile, lesson-time
     * breaches, then money and cases waiting.
     */
    static InstitutionOverview scored(
            String institutionId,
            String name,
            InstitutionStatus status,
            long custodyFen,
            long unconsumedFen,
            boolean covered,
            long violations,
            long suspenseFen,
            Map<LessonViolation, Long> violationsByRule,
            long openDisputes,
            long openRefunds,
            InstitutionOverview.LastStatement statement) {
        long risk = 0;
        if (statement != null && statement.differenceFen() != 0) {
            risk += 100;
        }
        if (!covered) {
            risk += 100;
        }
        if (status == InstitutionStatus.BLACKLISTED || status == InstitutionStatus.WINDING_DOWN) {
            risk += 50;
        }
        if (status == InstitutionStatus.SUSPENDED) {
            risk += 30;
        }
        if (statement != null && !statement.reconciled()) {
            risk += 20;
        }
        if (statement == null && custodyFen > 0) {
            risk += 5;
        }
        risk += Math.min(violations, 20) * 2;
        if (suspenseFen > 0) {
            risk += 3;
        }
        risk += Math.min(openDisputes + openRefunds, 10);
        return new InstitutionOverview(
                institutionId,
                name,
                status,
                custodyFen,
                unconsumedFen,
                covered,
                violations,
                suspenseFen,
                violationsByRule,
                openDisputes,
                openRefunds,
                statement,
                risk);
    }

    /** What the regulator's table asks for: a filter, an order and a page. */
    record Query(
            String text,
            InstitutionStatus status,
            boolean riskyOnly,
            InstitutionSort sort,
            boolean descending,
            int offset,
            int limit) {}

    /**
     * The page of {@code all} that the query asks for. The text matches a name or a credit code
     * anywhere, whatever the case; ties in the order go by institution id, ascending either way.
     */
    static InstitutionRanking rank(List<InstitutionOverview> all, Query query) {
        String text = query.text() == null ? "" : query.text().strip().toLowerCase(Locale.ROOT);
        Comparator<InstitutionOverview> order = comparator(query.sort());
        if (query.descending()) {
            order = order.reversed();
        }
        List<InstitutionOverview> matching = all.stream()
                .filter(o -> text.isEmpty()
                        || o.name().toLowerCase(Locale.ROOT).contains(text)
                        || o.institutionId().toLowerCase(Locale.ROOT).contains(text))
                .filter(o -> query.status() == null || o.status() == query.status())
                .filter(o -> !query.riskyOnly() || o.risk() > 0)
                .sorted(order.thenComparing(InstitutionOverview::institutionId))
                .toList();
        int from = Math.min(query.offset(), matching.size());
        int to = (int) Math.min((long) from + query.limit(), matching.size());
        return new InstitutionRanking(
                matching.subList(from, to),
                from,
                to < matching.size() ? to : null,
                matching.size(),
                all.size(),
                matching.stream().mapToLong(InstitutionOverview::custodyFen).reduce(0, Fen::plus),
                matching.stream().mapToLong(InstitutionOverview::unconsumedFen).reduce(0, Fen::plus),
                matching.stream().mapToLong(InstitutionOverview::violations).sum());
    }

    private static Comparator<InstitutionOverview> comparator(InstitutionSort sort) {
        return switch (sort) {
            case RISK -> Comparator.comparingLong(InstitutionOverview::risk);
            case NAME -> Comparator.comparing(InstitutionOverview::name);
            case STATUS -> Comparator.comparing(o -> o.status().name());
            case CUSTODY -> Comparator.comparingLong(InstitutionOverview::custodyFen);
            // Without a statement, below any balance a bank can report.
            case BANK ->
                Comparator.comparingLong(o -> o.lastStatement() == null
                        ? Long.MIN_VALUE
                        : o.lastStatement().bankClosingFen());
            case DIFFERENCE ->
                Comparator.comparingLong(o -> o.lastStatement() == null
                        ? 0
                        : Math.abs(o.lastStatement().differenceFen()));
            case UNCONSUMED -> Comparator.comparingLong(InstitutionOverview::unconsumedFen);
            case SUSPENSE -> Comparator.comparingLong(InstitutionOverview::suspenseFen);
            case VIOLATIONS -> Comparator.comparingLong(InstitutionOverview::violations);
            case OPEN_DISPUTES -> Comparator.comparingLong(InstitutionOverview::openDisputes);
            case OPEN_REFUNDS -> Comparator.comparingLong(InstitutionOverview::openRefunds);
            case LAST_STATEMENT ->
                Comparator.comparing(o -> o.lastStatement() == null
                        ? ""
                        : o.lastStatement().toDate().toString());
        };
    }
}
