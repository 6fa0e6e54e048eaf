package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.common.Ids;
import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.LessonSummary;
import com.tuitionescrow.ledger.api.refund.RefundResponse;
import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lessons and refunds in lists, for the regulator's and the institution's work queues. */
@RestController
@Tag(name = "Lists", description = "Lessons and refunds by deadline (REGULATOR, or that INSTITUTION)")
class CaseListController {

    private static final String SCOPE =
            "An INSTITUTION reads its own (institutionId defaults to it; another's is 403); "
                    + "a REGULATOR reads every institution's, or one's. ";

    private final CaseLists lists;

    CaseListController(CaseLists lists) {
        this.lists = lists;
    }

    @GetMapping("/v1/lessons")
    @Operation(
            summary =
                    "Lessons by the end of their confirmation window, then lessonId; paged by afterId, the last lessonId",
            description = SCOPE + "Without status, the lessons still open: AWAITING_CONFIRMATION and DISPUTED.")
    Page<LessonSummary> lessons(
            @RequestParam(required = false) @Pattern(regexp = Ids.CREDIT_CODE) String institutionId,
            @Parameter(description = "repeat for several") @RequestParam(required = false) List<LessonStatus> status,
            @RequestParam(required = false) @Pattern(regexp = Ids.CLIENT_ID) String afterId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            Caller caller) {
        Set<LessonStatus> statuses = status == null || status.isEmpty()
                ? EnumSet.of(LessonStatus.AWAITING_CONFIRMATION, LessonStatus.DISPUTED)
                : EnumSet.copyOf(status);
        List<LessonSummary> items =
                lists.lessons(caller.listScope(institutionId, Role.REGULATOR), statuses, afterId, limit);
        return new Page<>(
                items, items.size() == limit ? items.get(items.size() - 1).lessonId() : null);
    }

    @GetMapping("/v1/refunds")
    @Operation(
            summary = "Refunds by the end of their answer window, then refundId; paged by afterId, the last refundId",
            description = SCOPE + "Without status, the refunds still open: AWAITING_INSTITUTION and CONTESTED.")
    Page<RefundResponse> refunds(
            @RequestParam(required = false) @Pattern(regexp = Ids.CREDIT_CODE) String institutionId,
            @Parameter(description = "repeat for several") @RequestParam(required = false) List<RefundStatus> status,
            @RequestParam(required = false) @Pattern(regexp = Ids.CLIENT_ID) String afterId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            Caller caller) {
        Set<RefundStatus> statuses = status == null || status.isEmpty()
                ? EnumSet.of(RefundStatus.AWAITING_INSTITUTION, RefundStatus.CONTESTED)
                : EnumSet.copyOf(status);
        List<RefundResponse> items =
                lists.refunds(caller.listScope(institutionId, Role.REGULATOR), statuses, afterId, limit);
        return new Page<>(
                items, items.size() == limit ? items.get(items.size() - 1).refundId() : null);
    }
}
