package com.tuitionescrow.ledger.platform.axon;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a projection's event handlers run, declared on the projection class beside its
 * {@code @ProcessingGroup}: whether a read model is written with the command or after it is part of
 * what the projection promises (a unique key that refuses a duplicate order, say, only works inside
 * the command's transaction), so it is stated where the handlers are, not in configuration.
 * {@link ProjectionProcessors} builds the processors from these declarations.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Projection {

    Runs value();

    /** Events applied per transaction when the projection runs after the command. */
    int batchSize() default 1;

    enum Runs {
        /**
         * In the command's own database transaction (a subscribing processor): the rows commit with
         * the events or not at all, a client reads its own write at once, and a constraint the rows
         * break rolls the command back.
         */
        IN_COMMAND_TRANSACTION,
        /**
         * After the command commits, reading the event store in its global order (a tracking processor
         * with one segment and one thread), its token stored in the transaction of each batch. Off the
         * command path; it trails the commands by {@code ledger.journal.fetch-delay} or so. Tracking
         * rather than pooled: with a single segment the pooled processor gains nothing, and it polls an
         * idle stream every half second where the tracking one wakes when events arrive.
         */
        AFTER_COMMIT
    }
}
