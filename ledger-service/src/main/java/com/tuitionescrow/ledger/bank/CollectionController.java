package com.tuitionescrow.ledger.bank;

import com.tuitionescrow.ledger.api.bank.CollectionBatchRequest;
import com.tuitionescrow.ledger.api.bank.CollectionBatchResponse;
import com.tuitionescrow.ledger.api.bank.CollectionRequest;
import com.tuitionescrow.ledger.api.bank.CollectionResponse;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.BankChannel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@BankChannel
@RequestMapping("/v1/bank/collections")
@Tag(name = "Collections", description = "Receipts into custody accounts (收费), reported by the custody BANK")
class CollectionController {

    private final CollectionService collections;

    CollectionController(CollectionService collections) {
        this.collections = collections;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Report money received (BANK); bankTxnId is the idempotency key",
            description =
                    "APPLIED pays the order; money that cannot be applied is recorded in SUSPENSE with a reason, never dropped")
    CollectionResponse collect(@Valid @RequestBody CollectionRequest request, Caller caller) {
        return collections.collect(request, caller);
    }

    @PostMapping("/batch")
    @Operation(
            summary = "Report many receipts at once (BANK): one result per item, in order",
            description = "Duplicates inside a batch and across batches are recognised by bankTxnId. An item whose "
                    + "bankTxnId was used with other content is REJECTED with code IDEMPOTENCY_CONFLICT; the others "
                    + "are recorded. A malformed item refuses the whole batch (400) and nothing is written.")
    CollectionBatchResponse collectBatch(@Valid @RequestBody CollectionBatchRequest batch, Caller caller) {
        return collections.collectBatch(batch, caller);
    }
}
