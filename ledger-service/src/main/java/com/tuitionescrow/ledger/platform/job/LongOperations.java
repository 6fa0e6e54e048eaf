package com.tuitionescrow.ledger.platform.job;

import static com.tuitionescrow.ledger.schema.Tables.LONG_OPERATION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tuitionescrow.ledger.api.common.OperationState;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.DatabaseOutage;
import com.tuitionescrow.ledger.schema.tables.records.LongOperationRecord;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Operations too long for one request run here, in the background: one of a kind and subject at a
 * time across every instance ({@link JobLock}), each step committed as it goes, and what is done so
 * far kept in {@code long_operation} where any instance reads it. The request that starts one waits a
 * bounded time for it and answers with how it stands. Operations must be safe to start again: one
 * that failed or was interrupted is finished by the next, which repeats nothing.
 */
@Component
public class LongOperations {

    /** What an operation does, told its progress record to report as it goes. */
    public interface Work<P> {
        P run(Progress<P> progress);
    }

    /** Where a running operation reports what it has done, and learns that it must stop. */
    public interface Progress<P> {
        void report(P soFar);

        /** Throws {@link Stopped} when the instance is shutting down; call between steps. */
        void checkNotStopping();
    }

    /** How an operation stands: its progress as it last reported it. */
    public record Status<P>(
            String operationId,
            OperationState state,
            P progress,
            Instant startedAt,
            Instant finishedAt,
            String failure) {}

    /** Thrown into an operation's work when the instance stops: what is done stands. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("the instance is shutting down", null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(LongOperations.class);
    private static final int MAX_CONCURRENT = 4;
    private static final Duration POLL = Duration.ofMillis(50);
    /** How long a start waits for an operation of the same kind that another request is just starting. */
    private static final Duration JOIN_WAIT = Duration.ofSeconds(2);

    private static final int FAILURE_MAX_CHARS = 500;
    /** How often a running operation's progress is written for readers on other instances. */
    private static final Duration REPORT_EVERY = Duration.ofMillis(500);

    private final JobLock locks;
    private final DSLContext db;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService workers;

    LongOperations(JobLock locks, DSLContext db, Clock clock) {
        this.locks = locks;
        this.db = db;
        // Its own mapper, lenient where the web's is strict: progress written by an older version stays readable.
        this.json = JsonMapper.builder()
                .findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(MAX_CONCURRENT, run -> {
            Thread thread = new Thread(run, "long-operation-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the operation unless one of the same kind and subject is running, here or on another
     * instance; returns the id of the one that runs.
     */
    public <P> String start(String kind, String subject, Caller caller, P initial, Work<P> work) {
        Instant deadline = clock.instant().plus(JOIN_WAIT);
        while (true) {
            Optional<JobLock.Held> lock = locks.tryLock(lockName(kind, subject));
            if (lock.isPresent()) {
                return begin(kind, subject, caller, initial, work, lock.get());
            }
            Optional<String> running = db.select(LONG_OPERATION.OPERATION_ID)
                    .from(LONG_OPERATION)
                    .where(
                            LONG_OPERATION.KIND.eq(kind),
                            LONG_OPERATION.SUBJECT.eq(subject),
                            LONG_OPERATION.STATE.eq(OperationState.RUNNING.name()))
                    .orderBy(LONG_OPERATION.STARTED_AT.desc())
                    .limit(1)
                    .fetchOptional(LONG_OPERATION.OPERATION_ID);
            if (running.isPresent()) {
                return running.get();
            }
            // Its holder is between taking the lock and recording the operation, or just finished.
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException(
                        "the lock of " + kind + " " + subject + " is held, but no operation runs");
            }
            sleep(POLL);
        }
    }

    /** Waits at most {@code wait} for the operation to leave RUNNING; returns how it stands then. */
    public <P> Status<P> await(String operationId, Duration wait, Class<P> progressType) {
        Instant deadline = clock.instant().plus(wait);
        Status<P> status = find(operationId, progressType).orElseThrow();
        while (status.state() == OperationState.RUNNING && clock.instant().isBefore(deadline)) {
            sleep(POLL);
            status = find(operationId, progressType).orElseThrow();
        }
        return status;
    }

    public <P> Optional<Status<P>> find(String operationId, Class<P> progressType) {
        return db.selectFrom(LONG_OPERATION)
                .where(LONG_OPERATION.OPERATION_ID.eq(operationId))
                .fetchOptional()
                .map(r -> status(r, progressType));
    }

    /** The latest operation of the kind on the subject. */
    public <P> Optional<Status<P>> latest(String kind, String subject, Class<P> progressType) {
        return db.selectFrom(LONG_OPERATION)
                .where(LONG_OPERATION.KIND.eq(kind), LONG_OPERATION.SUBJECT.eq(subject))
                .orderBy(LONG_OPERATION.STARTED_AT.desc())
                .limit(1)
                .fetchOptional()
                .map(r -> status(r, progressType));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    private <P> String begin(String kind, String subject, Caller caller, P initial, Work<P> work, JobLock.Held lock) {
        String operationId = kind.toLowerCase(Locale.ROOT).replace('_', '-') + "-" + UUID.randomUUID();
        try {
            Instant now = clock.instant();
            // Holding the lock, nobody runs one: any still marked RUNNING lost its instance.
            db.update(LONG_OPERATION)
                    .set(LONG_OPERATION.STATE, OperationState.FAILED.name())
                    .set(LONG_OPERATION.FAILURE, "interrupted: the instance running it stopped before it finished")
                    .set(LONG_OPERATION.FINISHED_AT, now.atOffset(ZoneOffset.UTC))
                    .set(LONG_OPERATION.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                    .where(
                            LONG_OPERATION.KIND.eq(kind),
                            LONG_OPERATION.SUBJECT.eq(subject),
                            LONG_OPERATION.STATE.eq(OperationState.RUNNING.name()))
                    .execute();
            db.insertInto(LONG_OPERATION)
                    .set(LONG_OPERATION.OPERATION_ID, operationId)
                    .set(LONG_OPERATION.KIND, kind)
                    .set(LONG_OPERATION.SUBJECT, subject)
                    .set(LONG_OPERATION.STATE, OperationState.RUNNING.name())
                    .set(LONG_OPERATION.REQUESTED_BY, caller.actor())
                    .set(LONG_OPERATION.STARTED_AT, now.atOffset(ZoneOffset.UTC))
                    .set(LONG_OPERATION.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                    .set(LONG_OPERATION.PROGRESS, jsonb(initial))
                    .execute();
            workers.execute(() -> perform(operationId, work, lock));
            return operationId;
        } catch (RuntimeException | Error failure) {
            lock.close();
            if (failure instanceof RejectedExecutionException) {
                throw new IllegalStateException("the instance is shutting down; no operation starts", failure);
            }
            throw failure;
        }
    }

    /** The end is written before the lock is let go: a reader that finds the lock free reads the end. */
    private <P> void perform(String operationId, Work<P> work, JobLock.Held lock) {
        Reporter<P> progress = new Reporter<>(operationId);
        try (lock) {
            try {
                P done = work.run(progress);
                finish(operationId, OperationState.COMPLETED, done, null);
            } catch (Stopped stopped) {
                log.warn("{} stopped with the instance; what it did stands", operationId);
                finish(
                        operationId,
                        OperationState.FAILED,
                        progress.latest,
                        "stopped: the instance shut down before it finished");
            } catch (RuntimeException failure) {
                String reason = DatabaseOutage.isCause(failure)
                        ? "the database became unreachable"
                        : "an unexpected failure, logged by the ledger as " + operationId;
                log.error("{} failed: {}; what it did stands", operationId, reason, failure);
                finish(operationId, OperationState.FAILED, progress.latest, reason);
            }
        }
    }

    /**
     * Keeps the latest progress in memory and writes it at most every {@link #REPORT_EVERY}, so a
     * step costs no write of its own; the end writes the latest, whatever stopped the work.
     */
    private final class Reporter<P> implements Progress<P> {
        private final String operationId;
        private P latest;
        private Instant written = Instant.MIN;

        Reporter(String operationId) {
            this.operationId = operationId;
        }

        @Override
        public void report(P soFar) {
            latest = soFar;
            Instant now = clock.instant();
            if (Duration.between(written, now).compareTo(REPORT_EVERY) >= 0) {
                db.update(LONG_OPERATION)
                        .set(LONG_OPERATION.PROGRESS, jsonb(soFar))
                        .set(LONG_OPERATION.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                        .where(LONG_OPERATION.OPERATION_ID.eq(operationId))
                        .execute();
                written = now;
            }
        }

        @Override
        public void checkNotStopping() {
            if (Thread.currentThread().isInterrupted()) {
                throw new Stopped();
            }
        }
    }

    /** Records the end; should the database be out of reach, the lock's release says it to readers. */
    private void finish(String operationId, OperationState state, Object progress, String failure) {
        Instant now = clock.instant();
        try {
            var update = db.update(LONG_OPERATION)
                    .set(LONG_OPERATION.STATE, state.name())
                    .set(LONG_OPERATION.FINISHED_AT, now.atOffset(ZoneOffset.UTC))
                    .set(LONG_OPERATION.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                    .set(
                            LONG_OPERATION.FAILURE,
                            failure == null
                                    ? null
                                    : failure.substring(0, Math.min(failure.length(), FAILURE_MAX_CHARS)));
            if (progress != null) {
                update = update.set(LONG_OPERATION.PROGRESS, jsonb(progress));
            }
            update.where(LONG_OPERATION.OPERATION_ID.eq(operationId)).execute();
        } catch (RuntimeException unrecorded) {
            log.error(
                    "{} ended {} but that could not be recorded; readers will find it interrupted",
                    operationId,
                    state,
                    unrecorded);
        }
    }

    /**
     * An operation recorded RUNNING whose lock nobody holds lost its instance: its worker writes the
     * end before it lets the lock go. The row is read again once the lock is seen free, as the worker
     * may have ended between the first read and the look at the lock.
     */
    private <P> Status<P> status(LongOperationRecord read, Class<P> progressType) {
        LongOperationRecord r = read;
        OperationState state = OperationState.valueOf(r.getState());
        if (state == OperationState.RUNNING && !locks.isHeld(lockName(r.getKind(), r.getSubject()))) {
            r = db.selectFrom(LONG_OPERATION)
                    .where(LONG_OPERATION.OPERATION_ID.eq(read.getOperationId()))
                    .fetchSingle();
            state = OperationState.valueOf(r.getState());
            if (state == OperationState.RUNNING) {
                state = OperationState.INTERRUPTED;
            }
        }
        try {
            return new Status<>(
                    r.getOperationId(),
                    state,
                    json.readValue(r.getProgress().data(), progressType),
                    r.getStartedAt().toInstant(),
                    r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant(),
                    r.getFailure());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the progress of " + r.getOperationId(), e);
        }
    }

    private JSONB jsonb(Object progress) {
        try {
            return JSONB.valueOf(json.writeValueAsString(progress));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an operation's progress", e);
        }
    }

    private static String lockName(String kind, String subject) {
        return "long-operation:" + kind + ":" + subject;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an operation", e);
        }
    }
}
