package com.tuitionescrow.ledger.platform.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.List;

/**
 * A JWK set kept in a file, for a site with no route to its identity provider: the operator copies
 * the provider's set there. Read again whenever the file changes, so a rotation (a key added, an old
 * one removed) takes effect with the next token, without a restart. A file that cannot be read or
 * parsed refuses every token (401) until it is fixed, rather than keep keys that may have been removed.
 */
final class JwkSetFile implements JWKSource<SecurityContext> {

    private final Path file;
    private FileTime readAt;
    private JWKSet keys;

    JwkSetFile(Path file) {
        this.file = file;
    }

    @Override
    public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (keys == null || !modified.equals(readAt)) {
                keys = JWKSet.parse(Files.readString(file));
                readAt = modified;
            }
        } catch (IOException | ParseException e) {
            keys = null;
            throw new KeySourceException("the JWK set file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return selector.select(keys);
    }
}
