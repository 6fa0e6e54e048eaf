package com.tuitionescrow.ledger.journal;

import com.tuitionescrow.ledger.api.audit.CheckpointKeyView;
import com.tuitionescrow.ledger.shared.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key that signs checkpoints. Its private half comes from {@code ledger.audit.checkpoint-key}
 * (PKCS#8 DER in base64, e.g. from an environment variable) or {@code ledger.audit.checkpoint-key-file}
 * (a file holding the same). With neither, a development key is generated into
 * {@code ledger.audit.development-key-file} on first start and read from it afterwards, and its
 * public key is logged and served: good for a trial, never for a regulator's copy (README, "Audit").
 */
@Component
class CheckpointKey {

    private static final Logger log = LoggerFactory.getLogger(CheckpointKey.class);
    static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final boolean development;

    CheckpointKey(
            @Value("${ledger.audit.checkpoint-key:}") String configured,
            @Value("${ledger.audit.checkpoint-key-file:}") String configuredFile,
            @Value("${ledger.audit.development-key-file}") String developmentFile) {
        try {
            String encoded = !configured.isBlank()
                    ? configured
                    : !configuredFile.isBlank() ? Files.readString(Path.of(configuredFile)) : null;
            development = encoded == null;
            if (development) {
                encoded = developmentKey(Path.of(developmentFile));
            }
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            privateKey = keys.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(encoded.strip())));
            publicKey = publicOf(privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint key is not an Ed25519 private key in PKCS#8", e);
        }
        if (development) {
            log.warn(
                    "Checkpoints are signed with a development key (no ledger.audit.checkpoint-key configured); "
                            + "its public key, id {}: {}",
                    keyId(),
                    Base64.getEncoder().encodeToString(publicKey.getEncoded()));
        }
    }

    private static String developmentKey(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return Files.readString(file);
        }
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        String encoded = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path written = Files.createTempFile(parent, "checkpoint", ".key");
        Files.writeString(written, encoded);
        try {
            Files.move(written, file);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            Files.delete(written);
        }
        return Files.readString(file);
    }

    /**
     * The public half of an Ed25519 private key. PKCS#8 v1 does not carry it and the JDK has no direct
     * derivation, so the key pair is generated again from the private key's 32-byte seed.
     */
    private static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        java.security.interfaces.EdECPrivateKey ed = (java.security.interfaces.EdECPrivateKey) key;
        byte[] seed = ed.getBytes().orElseThrow(() -> new GeneralSecurityException("the private key hides its bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(new java.security.spec.NamedParameterSpec(ALGORITHM), new FixedSeed(seed));
        return generator.generateKeyPair().getPublic();
    }

    /** Hands a key pair generator the seed it was given: Ed25519 key generation draws exactly the 32-byte seed. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }

    byte[] sign(String text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the checkpoint key", e);
        }
    }

    boolean verifies(String text, byte[] signed) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return signature.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    String keyId() {
        return HexFormat.of().formatHex(Sha256.of(publicKey.getEncoded())).substring(0, 16);
    }

    CheckpointKeyView view() {
        String der = Base64.getEncoder().encodeToString(publicKey.getEncoded());
        String pem = "-----BEGIN PUBLIC KEY-----\n" + der + "\n-----END PUBLIC KEY-----\n";
        return new CheckpointKeyView(keyId(), ALGORITHM, der, pem, development);
    }
}
