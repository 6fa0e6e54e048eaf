package com.tuitionescrow.ledger.platform.web;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat refuses some requests before any servlet sees them (an encoded slash or NUL in the path,
 * an undecodable URI) and answers with its own HTML page. This answers them as the ledger answers
 * everything else: an RFC 9457 problem with a stable code.
 */
public class ProblemErrorValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int statusCode = response.getStatus();
        if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(statusCode);
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        ProblemCode code = ProblemErrorController.codeOf(status);
        String body = "{\"type\":\"https://tuitionescrow.com/problems/"
                + code.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + statusCode
                + ",\"detail\":\"" + ProblemErrorController.detailOf(status) + "\",\"code\":\"" + code.name() + "\"}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The client has gone; there is no one to answer.
        }
    }
}
