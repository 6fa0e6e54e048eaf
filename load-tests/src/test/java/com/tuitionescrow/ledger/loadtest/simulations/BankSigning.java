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

    /**
     * The headers of a POST of this JSON body to this path, signed now (scheme v2: method, path and
     * query, content type and body; the simulations send {@code application/json}).
     */
    Map<String, String> headers(String path, String body) {
        long now = System.currentTimeMillis() / 1000;
        return Map.of(
                BankSignature.TIMESTAMP_HEADER,
                Long.toString(now),
                BankSignature.SIGNATURE_HEADER,
                signature.sign(now, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8)));
    }
}
