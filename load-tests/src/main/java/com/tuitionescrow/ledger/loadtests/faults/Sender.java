package com.tuitionescrow.ledger.loadtests.faults;

import com.tuitionescrow.ledger.api.client.LedgerProblemException;
import com.tuitionescrow.ledger.api.client.LedgerUnavailableException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Sends a request until the ledger answers it, as a client that must know the outcome would: no
 * answer (connection refused or reset, 502-504) and a 5xx leave the outcome unknown, so the same
 * request goes again; a race lost ({@code CONCURRENT_MODIFICATION}) changed nothing and goes again;
 * any other 4xx is a final refusal. Every attempt is logged.
 */
final class Sender {

    enum Outcome {
        ACKNOWLEDGED,
        REFUSED,
        UNANSWERED
    }

    /** Pauses double from the first to the longest: a quick race is retried at once, a restart not hammered. */
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private final RequestLog log;

    Sender(RequestLog log) {
        this.log = log;
    }

    /** Sends a new request while {@code keepTrying} holds; one still unanswered then is logged as such. */
    Outcome send(Op op, BooleanSupplier keepTrying) {
        log.started();
        return sendAgain(op, keepTrying);
    }

    /** Sends a request that was sent before and left unanswered, with the same id and body. */
    Outcome sendAgain(Op op, BooleanSupplier keepTrying) {
        for (Duration pause = FIRST_PAUSE; ; pause = min(pause.multipliedBy(2), LONGEST_PAUSE)) {
            try {
                // The answer itself is not needed: a 2xx is the acknowledgement, and the books are checked at the end.
                var unused = op.call().get();
                log.attempted("2xx");
                log.acknowledged(op);
                return Outcome.ACKNOWLEDGED;
            } catch (LedgerUnavailableException unavailable) {
                log.attempted(
                        unavailable.status().isPresent()
                                ? Integer.toString(unavailable.status().getAsInt())
                                : "no answer");
            } catch (LedgerProblemException problem) {
                log.attempted(problem.status() + " " + problem.rawCode());
                if (problem.status() < 500 && !problem.isRetryable()) {
                    log.refused(new RequestLog.Refusal(op, problem.status(), problem.rawCode()));
                    return Outcome.REFUSED;
                }
            }
            if (!keepTrying.getAsBoolean() || !sleep(pause)) {
                log.unanswered(op);
                return Outcome.UNANSWERED;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
