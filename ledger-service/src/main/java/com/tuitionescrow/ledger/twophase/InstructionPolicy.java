package com.tuitionescrow.ledger.twophase;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxAttempts how many times the bank is instructed to pay a refund or return suspense money
 *                    before the money is UNDELIVERABLE and waits for a regulator (3)
 */
@ConfigurationProperties("ledger.instructions")
public record InstructionPolicy(int maxAttempts) {

    public InstructionPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("ledger.instructions.max-attempts is at least 1");
        }
    }
}
