package com.tuitionescrow.ledger.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What stands between a client and the ledger on a bad day: a gateway that answers 503 instead of
 * forwarding, or forwards a call and then loses the ledger's answer. Each received call takes the
 * next scripted step; once the script is spent it forwards (or, with no ledger behind it, fails
 * the test). Every call is recorded with what it carried and what the ledger answered.
 */
final class FlakyGateway implements AutoCloseable {

    sealed interface Step permits Answer, Forward, ForwardAndDrop, Drop {}

    /** Answers this instead of forwarding. */
    record Answer(int status, String contentType, String body) implements Step {
        static Answer problem(int status, String code) {
            return new Answer(
                    status,
                    "application/problem+json",
                    "{\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"scripted " + code + "\"}");
        }

        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }
    }

    /** Forwards to the ledger and relays its answer. */
    record Forward() implements Step {}

    /** Forwards to the ledger, which applies the call, then closes the connection without an answer. */
    record ForwardAndDrop() implements Step {}

    /** Closes the connection without forwarding or answering. */
    record Drop() implements Step {}

    /** One call as the gateway received it; {@code ledgerStatus} and {@code ledgerBody} when it was forwarded. */
    record Received(
            String method,
            String pathAndQuery,
            Map<String, String> headers,
            String body,
            Integer ledgerStatus,
            String ledgerBody) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        boolean forwarded() {
            return ledgerStatus != null;
        }
    }

    private static final List<String> FORWARDED_HEADERS =
            List.of("Authorization", "Content-Type", "Accept", "X-Ledger-Timestamp", "X-Ledger-Signature");

    private final HttpServer server;
    private final URI ledger;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Deque<Step> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    private FlakyGateway(URI ledger) throws IOException {
        this.ledger = ledger;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** In front of the ledger listening on this port. */
    static FlakyGateway inFrontOf(int ledgerPort) throws IOException {
        return new FlakyGateway(URI.create("http://localhost:" + ledgerPort));
    }

    /** In place of the ledger: every call must be scripted. */
    static FlakyGateway standalone() throws IOException {
        return new FlakyGateway(null);
    }

    synchronized FlakyGateway then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    URI uri() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        Step step;
        synchronized (this) {
            step = script.isEmpty() ? new Forward() : script.removeFirst();
        }
        if (step instanceof Answer answer) {
            record(exchange, pathAndQuery, headers, body, null);
            respond(exchange, answer.status(), answer.contentType(), answer.body());
            return;
        }
        if (step instanceof Drop) {
            record(exchange, pathAndQuery, headers, body, null);
            throw new IllegalStateException("scripted: the connection is dropped without an answer");
        }
        if (ledger == null) {
            throw new IllegalStateException("nothing scripted for " + exchange.getRequestMethod() + " " + pathAndQuery);
        }
        HttpResponse<String> answer = forward(exchange.getRequestMethod(), pathAndQuery, headers, body);
        record(exchange, pathAndQuery, headers, body, answer);
        if (step instanceof ForwardAndDrop) {
            // The server closes a connection whose handler failed: the client waits for an answer that never comes.
            throw new IllegalStateException("scripted: the ledger's answer is lost on the way back");
        }
        respond(
                exchange,
                answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse("application/json"),
                answer.body());
    }

    private HttpResponse<String> forward(String method, String pathAndQuery, Map<String, String> headers, String body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(ledger.resolve(pathAndQuery))
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
        FORWARDED_HEADERS.forEach(name -> {
            String value = headers.get(name.toLowerCase());
            if (value != null) {
                request.header(name, value);
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private synchronized void record(
            HttpExchange exchange,
            String pathAndQuery,
            Map<String, String> headers,
            String body,
            HttpResponse<String> answer) {
        received.add(new Received(
                exchange.getRequestMethod(),
                pathAndQuery,
                headers,
                body,
                answer == null ? null : answer.statusCode(),
                answer == null ? null : answer.body()));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
