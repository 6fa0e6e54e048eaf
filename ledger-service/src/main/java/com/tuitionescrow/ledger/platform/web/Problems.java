package com.tuitionescrow.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem responses, each with the stable {@code code} clients branch on. */
public final class Problems {

    private static final String TYPE_BASE = "https://tuitionescrow.com/problems/";
    /** How soon a 503 says to try again. */
    static final String RETRY_AFTER_SECONDS = "2";

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, ProblemCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(
                URI.create(TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code.name());
        return problem;
    }

    public static ProblemDetail invalid(String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION_FAILED, detail);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** 503: the same request may be sent again shortly. */
    public static ResponseEntity<ProblemDetail> unavailable(ProblemCode code, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(of(HttpStatus.SERVICE_UNAVAILABLE, code, detail));
    }

    /**
     * For a request that failed: whether it had recorded anything first. Every request that records in
     * several transactions (a batch, a run, a wind-down) finishes what is left when sent again and
     * repeats nothing, so the advice is the same either way; what changes is the truth of the answer.
     */
    static String whatWasRecorded() {
        return whatWasRecorded(null);
    }

    /** The same, for this failure: one that struck a commit leaves that step's outcome unknown. */
    static String whatWasRecorded(Throwable failure) {
        int committed = RequestCommits.count();
        if (failure != null && commitFailed(failure)) {
            return (committed == 0
                            ? ""
                            : "it had already committed " + committed + (committed == 1 ? " step" : " steps")
                                    + ", which stand; ")
                    + "the database failed while the ledger committed, so the request may or may "
                    + "not have been recorded: the same request sent again answers with its outcome and repeats nothing";
        }
        return committed == 0
                ? "nothing was recorded; the same request may be sent again"
                : "it had already committed " + committed + (committed == 1 ? " step" : " steps")
                        + ", which stand; the same request sent again finishes what is left and repeats nothing";
    }

    private static boolean commitFailed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommitOutcomeUnknown) {
                return true;
            }
        }
        return false;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** For the security filters, which answer before Spring MVC is reached. */
    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
