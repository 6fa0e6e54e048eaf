package com.tuitionescrow.ledger.shared;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The fingerprint the ledger keeps of what it must recognise again: request bodies, statement files, signatures. */
public final class Sha256 {

    private Sha256() {}

    public static byte[] of(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
