package com.tuitionescrow.ledger.platform.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.CommitOutcomeUnknown;
import com.tuitionescrow.ledger.platform.web.Conflict;
import com.tuitionescrow.ledger.platform.web.RequestCommits;
import com.tuitionescrow.ledger.shared.Refusal;
import com.tuitionescrow.ledger.shared.Sha256;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command path: one short database transaction per request, in which the commands' events are
 * appended, the subscribing projections write their rows and the idempotency record is kept; all
 * of it commits or none of it does. No lock is taken up front: a transaction that loses a race
 * (see {@link RaceLost}) is run again from the start, and finds the winner's result.
 */
@Component
public class CommandTransactions {

    static final int MAX_ATTEMPTS = 12;
    private static final int CREATED = 201;
    private static final int REFUSED = 422;

    private final TransactionTemplate transactions;
    private final CommandGateway gateway;
    private final IdempotencyStore idempotency;
    private final ObjectMapper json;
    private final CommandMetrics metrics;

    CommandTransactions(
            TransactionTemplate transactions,
            CommandGateway gateway,
            IdempotencyStore idempotency,
            ObjectMapper json,
            CommandMetrics metrics) {
        this.transactions = transactions;
        this.gateway = gateway;
        this.idempotency = idempotency;
        this.json = json;
        this.metrics = metrics;
    }

    /** Dispatches the command as the caller, inside the current transaction; returns the handler's result. */
    public <R> R send(Object command, Caller caller) {
        try {
            R result = gateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(caller.metaData()));
            metrics.count(command.getClass(), CommandMetrics.Outcome.APPLIED);
            return result;
        } catch (Refusal refusal) {
            metrics.count(command.getClass(), CommandMetrics.Outcome.REFUSED);
            throw refusal;
        } catch (RuntimeException failure) {
            metrics.count(
                    command.getClass(),
                    RaceLost.isRaceLost(failure) ? CommandMetrics.Outcome.RACE_LOST : CommandMetrics.Outcome.FAILED);
            throw failure;
        }
    }

    /** Runs the work in a transaction of its own, again from the start if it lost a race. */
    public <R> R inTransaction(Supplier<R> work) {
        for (int attempt = 1; ; attempt++) {
            boolean[] outermost = new boolean[1];
            boolean[] workDone = new boolean[1];
            try {
                R result = transactions.execute(status -> {
                    outermost[0] = status.isNewTransaction();
                    R done = work.get();
                    workDone[0] = true;
                    return done;
                });
                if (outermost[0]) {
                    RequestCommits.committed();
                }
                return result;
            } catch (RuntimeException failure) {
                if (!RaceLost.isRaceLost(failure)) {
                    // Failing after the work, our own commit failed: unlike any failure before it, this
                    // one may have been recorded (and the rollback's failure may hide the commit's).
                    throw workDone[0] && outermost[0] ? new CommitOutcomeUnknown(failure) : failure;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new Conflict(
                            ProblemCode.CONCURRENT_MODIFICATION,
                            "too many concurrent changes to the same records; nothing was applied, try again");
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Runs a create once per idempotency key, and answers every repeat as it answered the first: a
     * repeat with the same content gets the first response, a repeat with other content is a
     * conflict. The first answer may be a refusal (422): then the key is spent, and the same request
     * sent again, even once the rule would let it pass, is refused as before; trying again takes a new
     * id. This is for ids a client invents for its request (an order, a lesson, a refund, a receipt).
     * What never reached the rules is not an answer and is not kept: malformed input (400) and
     * answers that say "try again" (409 CONCURRENT_MODIFICATION, 503).
     */
    public <R> R once(IdempotencyKey key, Object content, Class<R> responseType, Supplier<R> work) {
        byte[] requestSha256 = sha256(content);
        try {
            return inTransaction(() -> replayOrRun(key, requestSha256, responseType, work));
        } catch (Refusal refusal) {
            // Its transaction rolled back, the refusal included; it is kept in a transaction of its own.
            return inTransaction(() -> keepRefusal(key, requestSha256, responseType, refusal))
                    .orElseThrow(() -> refusal);
        }
    }

    /**
     * The same, but only a success is kept: for keys the caller does not invent and cannot change (an
     * institution's credit code, the ledger's id of an instruction), which a refusal must not use up.
     * A refused request leaves nothing, and its repeat is judged afresh.
     */
    public <R> R onceSucceeded(IdempotencyKey key, Object content, Class<R> responseType, Supplier<R> work) {
        byte[] requestSha256 = sha256(content);
        return inTransaction(() -> replayOrRun(key, requestSha256, responseType, work));
    }

    /**
     * The same, inside the caller's transaction, for many creates committed together. A conflict is
     * found before anything of the create is written, so the transaction can go on with the next.
     */
    public <R> R onceWithinTransaction(IdempotencyKey key, Object content, Class<R> responseType, Supplier<R> work) {
        return replayOrRun(key, sha256(content), responseType, work);
    }

    private <R> R replayOrRun(IdempotencyKey key, byte[] requestSha256, Class<R> responseType, Supplier<R> work) {
        idempotency.claim(key);
        Optional<IdempotencyStore.Stored> first = idempotency.find(key);
        if (first.isPresent()) {
            return replay(key, first.get(), requestSha256, responseType);
        }
        R response = work.get();
        idempotency.save(key, requestSha256, CREATED, write(response));
        return response;
    }

    /**
     * Keeps the refusal as the key's first answer; empty once kept. Should a concurrent request with
     * the same key have been answered in the meantime, that answer is the first, and it is returned.
     */
    private <R> Optional<R> keepRefusal(
            IdempotencyKey key, byte[] requestSha256, Class<R> responseType, Refusal refusal) {
        idempotency.claim(key);
        Optional<IdempotencyStore.Stored> first = idempotency.find(key);
        if (first.isPresent()) {
            return Optional.of(replay(key, first.get(), requestSha256, responseType));
        }
        idempotency.save(key, requestSha256, REFUSED, write(new KeptRefusal(refusal.code(), refusal.getMessage())));
        return Optional.empty();
    }

    private <R> R replay(
            IdempotencyKey key, IdempotencyStore.Stored first, byte[] requestSha256, Class<R> responseType) {
        if (!Arrays.equals(first.requestSha256(), requestSha256)) {
            throw new Conflict(
                    ProblemCode.IDEMPOTENCY_CONFLICT,
                    key.scope().toLowerCase(Locale.ROOT) + " " + key.key() + " was already used with other content");
        }
        if (first.status() == REFUSED) {
            KeptRefusal refusal = read(first.body(), KeptRefusal.class);
            throw new Refusal(refusal.code(), refusal.detail());
        }
        return read(first.body(), responseType);
    }

    /** A refusal as kept under its key: the same code and detail, whenever it is asked again. */
    record KeptRefusal(ProblemCode code, String detail) {}

    private byte[] sha256(Object content) {
        try {
            return Sha256.of(json.writeValueAsBytes(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    private String write(Object response) {
        try {
            return json.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the response", e);
        }
    }

    private <R> R read(String body, Class<R> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored response", e);
        }
    }

    private static void backOff(int attempt) {
        long ceilingMillis = Math.min(50, 1L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceilingMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
