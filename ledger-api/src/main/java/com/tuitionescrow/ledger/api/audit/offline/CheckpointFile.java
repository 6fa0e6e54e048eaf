package com.tuitionescrow.ledger.api.audit.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.audit.CheckpointView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The checkpoints a regulator kept ({@code GET /v1/audit/checkpoints} saved as it came, or a JSON array
 * of its items) and the public key they were signed with (the answer of
 * {@code GET /v1/audit/checkpoint-key}, a PEM block, or the base64 DER).
 */
final class CheckpointFile {

    private CheckpointFile() {}

    static List<CheckpointView> read(Path file, ObjectMapper json) throws IOException {
        JsonNode root = json.readTree(file.toFile());
        JsonNode items = root.has("items") ? root.get("items") : root;
        List<CheckpointView> checkpoints = new ArrayList<>();
        for (JsonNode item : items) {
            checkpoints.add(json.treeToValue(item, CheckpointView.class));
        }
        return checkpoints;
    }

    static PublicKey publicKey(Path file, ObjectMapper json) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            text = json.readTree(text).get("publicKey").asText();
        }
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static boolean signed(CheckpointView checkpoint, PublicKey key) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(checkpoint.signedText().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
