package com.tuitionescrow.ledger.api.audit;

/**
 * The public key that signs the checkpoints: {@code publicKey} is the X.509 SubjectPublicKeyInfo
 * (DER) in base64, {@code pem} the same as a PEM block, {@code keyId} the first 16 hex digits of its
 * SHA-256. {@code development} is true when the ledger generated it itself because none was
 * configured: fine for a trial, not for a regulator's copy.
 */
public record CheckpointKeyView(String keyId, String algorithm, String publicKey, String pem, boolean development) {}
