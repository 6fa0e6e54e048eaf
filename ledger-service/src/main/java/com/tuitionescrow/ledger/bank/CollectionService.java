package com.tuitionescrow.ledger.bank;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.api.bank.CollectionBatchRequest;
import com.tuitionescrow.ledger.api.bank.CollectionBatchResponse;
import com.tuitionescrow.ledger.api.bank.CollectionRequest;
import com.tuitionescrow.ledger.api.bank.CollectionResponse;
import com.tuitionescrow.ledger.api.bank.CollectionStatus;
import com.tuitionescrow.ledger.api.bank.SuspenseReason;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.bank.BankCommands.RecordSuspenseReceipt;
import com.tuitionescrow.ledger.enrollment.CollectionDecision;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ApplyCollection;
import com.tuitionescrow.ledger.enrollment.OrderQueries;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.command.IdempotencyKey;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.Conflict;
import com.tuitionescrow.ledger.platform.web.DatabaseOutage;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * 收费: every receipt the bank reports is recorded exactly once (its {@code bankTxnId} is the
 * idempotency key): applied to its order when it can be, otherwise held in suspense.
 */
@Service
class CollectionService {

    /** Receipts committed together in a batch: enough to share a commit, few enough to keep the transaction short. */
    static final int ITEMS_PER_TRANSACTION = 50;

    private static final Logger log = LoggerFactory.getLogger(CollectionService.class);

    private final CommandTransactions commands;
    private final OrderQueries orders;
    private final InstitutionDirectory institutions;
    private final Clock clock;

    CollectionService(
            CommandTransactions commands, OrderQueries orders, InstitutionDirectory institutions, Clock clock) {
        this.commands = commands;
        this.orders = orders;
        this.institutions = institutions;
        this.clock = clock;
    }

    CollectionResponse collect(CollectionRequest request, Caller caller) {
        requireReceived(request, "receivedAt");
        return once(request, caller);
    }

    /**
     * The bank's fast path: receipts are recorded {@value #ITEMS_PER_TRANSACTION} to a transaction, one
     * commit for many. Each item is still answered on its own: a conflict on one (its bankTxnId used
     * with other content) is found before it writes anything, and the others go on. Should a chunk's
     * transaction fail as a whole, its items are recorded again one by one, each in its own
     * transaction. Input errors refuse the whole batch before anything is written.
     *
     * <p>Should recording fail for another reason (the database out of reach) once some items are
     * recorded, those stand and are answered as such; that item and every later one is answered
     * REJECTED with the failure's code, to be sent again. Failing before anything is recorded, the
     * batch is refused as a whole.
     */
    CollectionBatchResponse collectBatch(CollectionBatchRequest batch, Caller caller) {
        for (int i = 0; i < batch.items().size(); i++) {
            requireReceived(batch.items().get(i), "items[" + i + "].receivedAt");
        }
        List<CollectionBatchResponse.Result> results =
                new ArrayList<>(batch.items().size());
        try {
            for (int from = 0; from < batch.items().size(); from += ITEMS_PER_TRANSACTION) {
                List<CollectionRequest> chunk = batch.items()
                        .subList(
                                from,
                                Math.min(
                                        from + ITEMS_PER_TRANSACTION,
                                        batch.items().size()));
                collectChunk(chunk, caller, results);
            }
        } catch (RuntimeException failure) {
            if (results.isEmpty()) {
                throw failure;
            }
            log.warn(
                    "a batch stopped after {} of {} items were answered ({}); the rest are answered not recorded",
                    results.size(),
                    batch.items().size(),
                    failure.toString());
            batch.items()
                    .subList(results.size(), batch.items().size())
                    .forEach(item -> results.add(notRecorded(item, failure)));
        }
        return new CollectionBatchResponse(results);
    }

    private void collectChunk(
            List<CollectionRequest> chunk, Caller caller, List<CollectionBatchResponse.Result> results) {
        List<CollectionBatchResponse.Result> together;
        try {
            together = commands.inTransaction(() -> chunk.stream()
                    .map(item -> resultOf(
                            item,
                            () -> commands.onceWithinTransaction(
                                    key(item), item, CollectionResponse.class, () -> record(item, caller))))
                    .toList());
        } catch (RuntimeException chunkFailed) {
            log.warn(
                    "a chunk of {} collections failed together ({}); recording them one by one",
                    chunk.size(),
                    chunkFailed.getClass().getSimpleName());
            for (CollectionRequest item : chunk) {
                results.add(resultOf(item, () -> once(item, caller)));
            }
            return;
        }
        results.addAll(together);
    }

    private static CollectionBatchResponse.Result resultOf(
            CollectionRequest item, Supplier<CollectionResponse> collect) {
        try {
            return CollectionBatchResponse.Result.of(collect.get());
        } catch (Conflict conflict) {
            return new CollectionBatchResponse.Result(
                    item.bankTxnId(),
                    CollectionStatus.REJECTED,
                    null,
                    conflict.code().name(),
                    conflict.getMessage());
        }
    }

    private static CollectionBatchResponse.Result notRecorded(CollectionRequest item, RuntimeException failure) {
        ProblemCode code =
                DatabaseOutage.isCause(failure) ? ProblemCode.DATABASE_UNAVAILABLE : ProblemCode.INTERNAL_ERROR;
        return new CollectionBatchResponse.Result(
                item.bankTxnId(),
                CollectionStatus.REJECTED,
                null,
                code.name(),
                "not recorded: the batch stopped at this item; send it again");
    }

    private CollectionResponse once(CollectionRequest request, Caller caller) {
        return commands.once(key(request), request, CollectionResponse.class, () -> record(request, caller));
    }

    private static IdempotencyKey key(CollectionRequest request) {
        return new IdempotencyKey("COLLECTION", request.bankTxnId());
    }

    private void requireReceived(CollectionRequest request, String field) {
        if (LedgerTime.isAhead(request.receivedAt().toInstant(), clock.instant())) {
            throw new InvalidRequest(field, "money is reported once it has been received, not before");
        }
    }

    private CollectionResponse record(CollectionRequest request, Caller caller) {
        Instant now = clock.instant();
        Instant receivedAt = request.receivedAt().toInstant();
        Optional<OrderQueries.OrderLocation> order = orders.locate(request.orderId());
        SuspenseReason reason = SuspenseReason.ORDER_UNKNOWN;
        if (order.isPresent()) {
            InstitutionResponse institution =
                    institutions.findHeld(order.get().institutionId()).orElseThrow();
            CollectionDecision decision = commands.send(
                    new ApplyCollection(
                            order.get().accountId(),
                            request.orderId(),
                            request.bankTxnId(),
                            request.amountFen(),
                            request.custodyAccountNo(),
                            institution.custodyAccountNo(),
                            institution.status(),
                            receivedAt,
                            now),
                    caller);
            if (decision.applied()) {
                return new CollectionResponse(request.bankTxnId(), CollectionStatus.APPLIED, null);
            }
            reason = decision.suspenseReason();
        }
        Optional<InstitutionResponse> holder = institutions.findByCustodyAccount(request.custodyAccountNo());
        if (holder.isEmpty()) {
            reason = SuspenseReason.ACCOUNT_UNKNOWN;
        }
        commands.send(
                new RecordSuspenseReceipt(
                        SuspenseReceipt.idOf(request.bankTxnId()),
                        request.bankTxnId(),
                        request.orderId(),
                        holder.map(InstitutionResponse::institutionId).orElse(AccountCode.UNIDENTIFIED_INSTITUTION),
                        request.custodyAccountNo(),
                        request.amountFen(),
                        receivedAt,
                        reason,
                        now),
                caller);
        return new CollectionResponse(request.bankTxnId(), CollectionStatus.SUSPENSE, reason);
    }
}
