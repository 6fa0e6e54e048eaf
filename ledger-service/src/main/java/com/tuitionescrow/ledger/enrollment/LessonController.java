package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.enrollment.LessonConfirmationRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonReportedResponse;
import com.tuitionescrow.ledger.api.enrollment.LessonResolutionRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonResponse;
import com.tuitionescrow.ledger.api.enrollment.ReportLessonRequest;
import com.tuitionescrow.ledger.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Lessons", description = "Consumption (消课): INSTITUTION reports, PLATFORM confirms, REGULATOR resolves")
class LessonController {

    private final LessonService lessons;

    LessonController(LessonService lessons) {
        this.lessons = lessons;
    }

    @PostMapping("/v1/orders/{orderId}/lessons")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Report a lesson delivered (the order's INSTITUTION); lessonId is the idempotency key",
            description = "Refusals (422): ORDER_NOT_PAID, INSUFFICIENT_HOURS, INSTITUTION_NOT_ACTIVE. "
                    + "Time-rule breaches are recorded as violations; the lesson is recorded all the same.")
    LessonReportedResponse report(
            @PathVariable String orderId, @Valid @RequestBody ReportLessonRequest request, Caller caller) {
        return lessons.report(orderId, request, caller);
    }

    @PostMapping("/v1/lessons/{lessonId}/confirmation")
    @Operation(summary = "Confirm or dispute a lesson for the parent (PLATFORM)")
    LessonResponse confirm(
            @PathVariable String lessonId, @Valid @RequestBody LessonConfirmationRequest request, Caller caller) {
        return lessons.answer(lessonId, request, caller);
    }

    @PostMapping("/v1/lessons/{lessonId}/resolution")
    @Operation(
            summary = "Resolve a disputed lesson (REGULATOR): CONSUMED releases it, REVERSED returns hours and money")
    LessonResponse resolve(
            @PathVariable String lessonId, @Valid @RequestBody LessonResolutionRequest request, Caller caller) {
        return lessons.resolve(lessonId, request, caller);
    }
}
