package com.tuitionescrow.ledger.enrollment;

import java.text.Normalizer;
import java.util.Locale;

/**
 * When two orders are of the same subject (科目), for the caps and the advance rule. Subjects are
 * named by the platform, often in Chinese, and typed by people: the comparison is made on a key that
 * forgives what a person does not see. NFKC folds full-width letters, digits and spaces into their
 * half-width forms (ｐｉａｎｏ is piano) and composed characters into one form; the ends are trimmed,
 * inner runs of white space count as one space, and case is ignored (Piano is piano). Chinese
 * characters are kept as they are: simplified and traditional forms of a name are different subjects.
 */
final class Subjects {

    private Subjects() {}

    static String key(String subject) {
        String folded = Normalizer.normalize(subject, Normalizer.Form.NFKC);
        return folded.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static boolean same(String subject, String other) {
        return key(subject).equals(key(other));
    }
}
