package com.tuitionescrow.ledger.loadtest.simulations;

import com.tuitionescrow.ledger.api.client.BankSignature;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one place the simulations sign a bank call (docs/api.md, "Bank signatures"), with
 * ledger-api's {@link BankSignature}: when the signature scheme changes, only this class does.
 */
final class BankSigning {

    private final BankSignature signature;

    BankSigning(String secret) {
        this.signature = new BankSignature(secret);
    }

    /** The headers of a call with this body, signed now (a GET signs the empty body). */
    Map<String, String> headers(String body) {
        long now = System.currentTimeMillis() / 1000;
        return Map.of(
                BankSignature.TIMESTAMP_HEADER,
                Long.toString(now),
                BankSignature.SIGNATURE_HEADER,
                signature.sign(now, body.getBytes(StandardCharsets.UTF_8)));
    }
}
