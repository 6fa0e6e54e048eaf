package com.tuitionescrow.ledger.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;

/**
 * A plain HTTP client for the scenario tests: what a bank's integration engineer would write. Calls
 * to {@code /v1/bank/**} are signed as docs/api.md says, with the ledger's clock.
 */
public final class Http {

    public record Response(int status, JsonNode body, String contentType) {
        public String code() {
            return body.path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "Content-Type";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final BankSigner signer;

    public Http(int port, Clock clock) {
        this.base = "http://localhost:" + port;
        this.signer = new BankSigner(Tokens.BANK_HMAC_SECRET, clock);
    }

    public Response get(String path, String token) {
        return send(path, token, "GET", "", signer.headersFor("GET", path, null, ""));
    }

    public Response post(String path, String token, Object body) {
        try {
            return postRaw(path, token, body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response postRaw(String path, String token, String rawBody) {
        return send(path, token, "POST", rawBody, signer.headersFor("POST", path, "application/json", rawBody));
    }

    /** A body of another type (a statement file: application/xml, text/csv), signed like any bank call. */
    public Response postRaw(String path, String token, String rawBody, String contentType) {
        Map<String, String> headers = new java.util.HashMap<>(signer.headersFor("POST", path, contentType, rawBody));
        headers.put(CONTENT_TYPE, contentType);
        return send(path, token, "POST", rawBody, headers);
    }

    /** Reads with exactly these headers and nothing signed for you: for tests of the signature itself. */
    public Response getWithHeaders(String path, String token, Map<String, String> headers) {
        return send(path, token, "GET", "", headers);
    }

    /** Sends exactly these headers and nothing signed for you: for tests of the signature itself. */
    public Response postWithHeaders(String path, String token, String rawBody, Map<String, String> headers) {
        return send(path, token, "POST", rawBody, headers);
    }

    private Response send(String path, String token, String method, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (method.equals("GET")) {
            request.GET();
        } else {
            if (!headers.containsKey(CONTENT_TYPE)) {
                request.header(CONTENT_TYPE, "application/json");
            }
            request.POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            return new Response(
                    response.statusCode(),
                    json,
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
