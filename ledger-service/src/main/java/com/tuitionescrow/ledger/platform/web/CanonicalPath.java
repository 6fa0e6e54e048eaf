package com.tuitionescrow.ledger.platform.web;

import java.util.Optional;

/**
 * The one spelling of a path the ledger accepts: the spelling the router, the role rules, the body
 * limits and the bank signature all read alike. Every id of the contract is made of characters a path
 * carries as they are (docs/api.md, "Conventions"), so a canonical path needs no percent-encoding, and
 * any other spelling (encoded, dotted, doubled, with path parameters or backslashes) is refused rather
 * than interpreted: each layer that interprets it might interpret it differently.
 */
final class CanonicalPath {

    /** RFC 3986 unreserved characters, the sub-delimiters but {@code ;}, {@code :}, {@code @}, and the slash. */
    private static final String ALLOWED_PUNCTUATION = "-._~!$&'()*+,=:@/";

    private CanonicalPath() {}

    /** Why the raw request path is not canonical, or empty when it is. */
    static Optional<String> problem(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.of("a path starts with a slash");
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                return Optional.of("a path carries no percent-encoded characters: write each character as it is");
            }
            if (c == ';') {
                return Optional.of("a path carries no path parameters (;)");
            }
            if (c == '\\') {
                return Optional.of("a path carries no backslash");
            }
            if (!isAllowed(c)) {
                return Optional.of("a path carries letters, digits and " + ALLOWED_PUNCTUATION + " only");
            }
        }
        if (rawPath.contains("//")) {
            return Optional.of("a path carries no empty segment (//)");
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("a path carries no dot segment (/./ or /../)");
            }
        }
        return Optional.empty();
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
    }
}
