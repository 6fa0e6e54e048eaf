package com.tuitionescrow.ledger.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.shared.Refusal;
import jakarta.validation.ConstraintViolationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure leaves as a problem response with a stable code. Nothing here writes: by the time
 * an exception reaches this advice its transaction has rolled back.
 */
@RestControllerAdvice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final RefusalMetrics refusals;

    ProblemAdvice(RefusalMetrics refusals) {
        this.refusals = refusals;
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal) {
        refusals.refused(refusal.code());
        return Problems.response(Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, refusal.code(), refusal.getMessage()));
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound notFound) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, ProblemCode.NOT_FOUND, notFound.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, ProblemCode.NOT_FOUND, "no such resource"));
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<ProblemDetail> conflict(Conflict conflict) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, conflict.code(), conflict.getMessage()));
    }

    @ExceptionHandler(Unavailable.class)
    ResponseEntity<ProblemDetail> unavailable(Unavailable unavailable) {
        return Problems.unavailable(unavailable.code(), unavailable.getMessage() + "; " + Problems.whatWasRecorded());
    }

    @ExceptionHandler({Forbidden.class, AccessDeniedException.class})
    ResponseEntity<ProblemDetail> forbidden(RuntimeException e) {
        return Problems.response(Problems.of(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, e.getMessage()));
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest e) {
        return Problems.response(Problems.invalid(e.getMessage(), List.of(error(e.field(), e.getMessage()))));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> error(f.getField(), f.getDefaultMessage()))
                .toList();
        return Problems.response(Problems.invalid("the request body is invalid", errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> error(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return Problems.response(Problems.invalid("the request is invalid", errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidConstraints(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> error(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return Problems.response(Problems.invalid("the request is invalid", errors));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception e) {
        return Problems.response(Problems.invalid(e.getMessage(), List.of()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyLimitFilter.BodyTooLarge tooLarge) {
                return Problems.response(Problems.of(
                        HttpStatus.PAYLOAD_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
            }
        }
        return Problems.response(Problems.invalid(unreadableDetail(e), List.of()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return Problems.response(
                Problems.of(HttpStatus.METHOD_NOT_ALLOWED, ProblemCode.METHOD_NOT_ALLOWED, e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.response(
                Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCode.UNSUPPORTED_MEDIA_TYPE, e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_ACCEPTABLE, ProblemCode.NOT_ACCEPTABLE, e.getMessage()));
    }

    /**
     * A failure the ledger did not foresee, or its database out of reach (503, to be sent again). The
     * answer says nothing was changed only when no transaction of the request had committed.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseOutage.isCause(e)) {
            log.warn("the database is unreachable: {}", e.toString());
            return Problems.unavailable(
                    ProblemCode.DATABASE_UNAVAILABLE,
                    "the ledger cannot reach its database; " + Problems.whatWasRecorded(e));
        }
        log.error("unexpected failure; the failing transaction was rolled back", e);
        return Problems.response(Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemCode.INTERNAL_ERROR,
                "the ledger could not process the request; " + Problems.whatWasRecorded(e)));
    }

    /** Says which field was wrong and why, without echoing the raw input back. */
    private static String unreadableDetail(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType() != null) {
            String field = path(format);
            if (format.getTargetType() == String.class) {
                return field + " must be a JSON string";
            }
            if (format.getTargetType().isEnum()) {
                return field + " must be one of "
                        + Arrays.stream(format.getTargetType().getEnumConstants())
                                .map(Object::toString)
                                .collect(Collectors.joining(", "));
            }
            return field + " is not a valid " + format.getTargetType().getSimpleName();
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return path(mapping) + " has a value of the wrong type or size";
        }
        if (cause instanceof JsonProcessingException) {
            return "the request body is not well-formed JSON";
        }
        return "the request body is missing or unreadable";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field == null ? "" : field, "message", message == null ? "invalid" : message);
    }
}
