package com.tuitionescrow.ledger.accounting;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One ledger account: {@code TYPE:institution} or, for student sub-ledgers,
 * {@code TYPE:institution:student}. The printed form is the account's stable public code.
 */
public record AccountCode(AccountType type, String institutionId, String studentId) {

    /** Receipts into a custody account that no registered institution holds are kept here. */
    public static final String UNIDENTIFIED_INSTITUTION = "UNIDENTIFIED";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final char SEPARATOR = ':';

    public AccountCode {
        Objects.requireNonNull(type, "type");
        requirePart(institutionId, "institutionId");
        if (type.perStudent()) {
            requirePart(studentId, "studentId");
        } else if (studentId != null) {
            throw new IllegalArgumentException(type + " is not a per-student account");
        }
    }

    public static AccountCode of(AccountType type, String institutionId) {
        return new AccountCode(type, institutionId, null);
    }

    public static AccountCode ofStudent(AccountType type, String institutionId, String studentId) {
        return new AccountCode(type, institutionId, studentId);
    }

    /** The inverse of {@link #toString()}; throws {@link IllegalArgumentException} on anything else. */
    public static AccountCode parse(String code) {
        Objects.requireNonNull(code, "code");
        String[] parts = code.split(String.valueOf(SEPARATOR), -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("not an account code: " + code);
        }
        AccountType type;
        try {
            type = AccountType.valueOf(parts[0]);
        } catch (IllegalArgumentException unknownType) {
            throw new IllegalArgumentException("unknown account type in: " + code, unknownType);
        }
        return new AccountCode(type, parts[1], parts.length == 3 ? parts[2] : null);
    }

    /**
     * The code of a control account: all of an institution's accounts of one type, student
     * sub-ledgers rolled up. It has the form of the account code, without the student.
     */
    public static String controlCode(AccountType type, String institutionId) {
        return type.name() + SEPARATOR + institutionId;
    }

    public NormalSide normalSide() {
        return type.normalSide();
    }

    @Override
    public String toString() {
        String head = controlCode(type, institutionId);
        return studentId == null ? head : head + SEPARATOR + studentId;
    }

    private static void requirePart(String value, String name) {
        if (value == null || !PART.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must match " + PART.pattern() + ": " + value);
        }
    }
}
