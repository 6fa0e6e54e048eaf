package com.tuitionescrow.ledger.loadtests.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Raw HTTP calls where the harness must see the answer itself, not the client's reading of it:
 * during an outage a 503 must be a problem response ({@code application/problem+json} with its
 * code), and the health endpoint must answer, and say DOWN.
 */
final class Probe {

    /** An answer; {@code status} 0 when none came. */
    record Answer(int status, String contentType, JsonNode body, Duration took) {

        boolean isProblem(int expectedStatus, String code) {
            return status == expectedStatus
                    && contentType.startsWith("application/problem+json")
                    && code.equals(body.path("code").asText());
        }

        @Override
        public String toString() {
            return status == 0
                    ? "no answer after " + took.toMillis() + " ms"
                    : status + " " + contentType + " " + body + " after " + took.toMillis() + " ms";
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI baseUri;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    Probe(URI baseUri) {
        this.baseUri = baseUri;
    }

    Answer health() {
        return send(HttpRequest.newBuilder(baseUri.resolve("/actuator/health")).GET());
    }

    Answer post(String path, Supplier<String> token, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return send(HttpRequest.newBuilder(baseUri.resolve(path))
                .header("Authorization", "Bearer " + token.get())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    Answer get(String path, Supplier<String> token) {
        return send(HttpRequest.newBuilder(baseUri.resolve(path))
                .header("Authorization", "Bearer " + token.get())
                .GET());
    }

    private Answer send(HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response =
                    http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? json.nullNode() : readOrText(response.body());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    body,
                    since(started));
        } catch (IOException e) {
            return new Answer(0, "", json.getNodeFactory().textNode(e.toString()), since(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", json.getNodeFactory().textNode("interrupted"), since(started));
        }
    }

    private JsonNode readOrText(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            return json.getNodeFactory().textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
