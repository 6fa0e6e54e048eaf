package com.tuitionescrow.ledger.platform.web;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container answers by itself (a path the security firewall refuses, a request it
 * cannot dispatch) is a problem response too, with the ledger's codes, not Spring's error page.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        return Problems.response(Problems.of(status, codeOf(status), detailOf(status)));
    }

    static ProblemCode codeOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> ProblemCode.VALIDATION_FAILED;
            case UNAUTHORIZED -> ProblemCode.UNAUTHENTICATED;
            case FORBIDDEN -> ProblemCode.FORBIDDEN;
            case NOT_FOUND -> ProblemCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ProblemCode.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> ProblemCode.NOT_ACCEPTABLE;
            case PAYLOAD_TOO_LARGE -> ProblemCode.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case SERVICE_UNAVAILABLE -> ProblemCode.DATABASE_UNAVAILABLE;
            default -> status.is4xxClientError() ? ProblemCode.VALIDATION_FAILED : ProblemCode.INTERNAL_ERROR;
        };
    }

    static String detailOf(HttpStatus status) {
        return status.is4xxClientError()
                ? "the request is malformed (its path, its encoding or its form): nothing was recorded"
                : "the ledger could not process the request";
    }
}
