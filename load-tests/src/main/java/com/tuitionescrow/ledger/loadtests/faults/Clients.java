package com.tuitionescrow.ledger.loadtests.faults;

import com.tuitionescrow.ledger.api.client.LedgerClient;
import com.tuitionescrow.ledger.api.client.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link LedgerClient} per caller of the cycle. None repeats a call by itself
 * ({@link RetryPolicy#none()}): the {@link Sender} does, so that every attempt is counted. Bank
 * calls are signed by the client with {@code BankSignature}, the one place the scheme lives.
 */
final class Clients {

    /** A crashed ledger resets connections at once; a stuck one must not stall a worker for long. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final URI baseUri;
    private final Tokens tokens;
    private final LedgerClient platform;
    private final LedgerClient bank;
    private final LedgerClient regulator;
    private final Map<String, LedgerClient> institutions = new ConcurrentHashMap<>();

    Clients(URI baseUri, Tokens tokens, String bankSecret) {
        this.baseUri = baseUri;
        this.tokens = tokens;
        this.platform = builder().bearerToken(tokens.platform()).build();
        this.bank = builder().bearerToken(tokens.bank()).bankSecret(bankSecret).build();
        this.regulator = builder().bearerToken(tokens.regulator()).build();
    }

    LedgerClient platform() {
        return platform;
    }

    LedgerClient bank() {
        return bank;
    }

    LedgerClient regulator() {
        return regulator;
    }

    LedgerClient institution(String institutionId) {
        return institutions.computeIfAbsent(
                institutionId,
                id -> builder().bearerToken(tokens.institution(id)).build());
    }

    private LedgerClient.Builder builder() {
        return LedgerClient.builder()
                .baseUri(baseUri)
                .retry(RetryPolicy.none())
                .connectTimeout(CONNECT_TIMEOUT)
                .requestTimeout(REQUEST_TIMEOUT);
    }
}
