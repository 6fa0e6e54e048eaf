package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.enrollment.LessonConfirmationRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonReportedResponse;
import com.tuitionescrow.ledger.api.enrollment.LessonResolutionRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonResponse;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.api.enrollment.ReportLessonRequest;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.AnswerLesson;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReportLesson;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ResolveLesson;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.command.IdempotencyKey;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.security.Role;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.platform.web.NotFound;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
class LessonService {

    /** What a lesson report's idempotency fingerprint covers: the order is part of its content. */
    private record LessonReport(String orderId, ReportLessonRequest lesson) {}

    private final CommandTransactions commands;
    private final OrderQueries orders;
    private final InstitutionDirectory institutions;
    private final WorkingWindows windows;
    private final Clock clock;

    LessonService(
            CommandTransactions commands,
            OrderQueries orders,
            InstitutionDirectory institutions,
            WorkingWindows windows,
            Clock clock) {
        this.commands = commands;
        this.orders = orders;
        this.institutions = institutions;
        this.windows = windows;
        this.clock = clock;
    }

    LessonReportedResponse report(String orderId, ReportLessonRequest request, Caller caller) {
        if (!request.endedAt().isAfter(request.startedAt())) {
            throw new InvalidRequest("endedAt", "a lesson ends after it starts");
        }
        OrderQueries.OrderLocation order = orders.locate(orderId)
                .filter(o -> caller.canSee(o.institutionId()))
                .orElseThrow(() -> new NotFound("order " + orderId));
        return commands.once(
                new IdempotencyKey("LESSON", request.lessonId()),
                new LessonReport(orderId, request),
                LessonReportedResponse.class,
                () -> {
                    var institution = institutions
                            .findHeld(order.institutionId())
                            .orElseThrow(() -> new Refusal(
                                    ProblemCode.INSTITUTION_UNKNOWN, "no institution " + order.institutionId()));
                    Instant now = clock.instant();
                    List<LessonViolation> violations = commands.send(
                            new ReportLesson(
                                    order.accountId(),
                                    orderId,
                                    request.lessonId(),
                                    request.hours(),
                                    request.startedAt().toInstant(),
                                    request.endedAt().toInstant(),
                                    institution.status(),
                                    windows.confirmationEnds(now),
                                    now),
                            caller);
                    return new LessonReportedResponse(
                            request.lessonId(), LessonStatus.AWAITING_CONFIRMATION, violations);
                });
    }

    LessonResponse answer(String lessonId, LessonConfirmationRequest request, Caller caller) {
        return commands.inTransaction(() -> {
            OrderQueries.LessonLocation lesson = locate(lessonId, caller, Role.PLATFORM);
            commands.send(
                    new AnswerLesson(
                            lesson.accountId(), lessonId, request.decision(), request.reason(), clock.instant()),
                    caller);
            return get(lessonId);
        });
    }

    LessonResponse resolve(String lessonId, LessonResolutionRequest request, Caller caller) {
        return commands.inTransaction(() -> {
            OrderQueries.LessonLocation lesson = locate(lessonId, caller, Role.REGULATOR);
            commands.send(
                    new ResolveLesson(
                            lesson.accountId(), lessonId, request.outcome(), request.reason(), clock.instant()),
                    caller);
            return get(lessonId);
        });
    }

    private OrderQueries.LessonLocation locate(String lessonId, Caller caller, Role seeingEveryInstitution) {
        return orders.locateLesson(lessonId)
                .filter(l -> caller.canSee(l.institutionId(), seeingEveryInstitution))
                .orElseThrow(() -> new NotFound("lesson " + lessonId));
    }

    private LessonResponse get(String lessonId) {
        return orders.findLesson(lessonId).orElseThrow(() -> new NotFound("lesson " + lessonId));
    }
}
