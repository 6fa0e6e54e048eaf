package com.tuitionescrow.ledger.reconciliation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What both parsers feed, so the rules of a statement are the same whatever file it came in:
 * one account, one OPBD and one CLBD, a bounded number of entries and amounts, and booked entries
 * inside the statement's period. Each fact arrives with where it was in the file, so a refusal names
 * the line. References are the bank's, in whatever form it writes them (see {@link #reference}).
 */
final class StatementBuilder {

    /** 100 billion yuan: far above any custody account, low enough that 100 000 entries cannot overflow a long. */
    static final long MAX_AMOUNT_FEN = 10_000_000_000_000L;
    /** A daily statement covers a day, a monthly one a month; nothing longer is a statement. */
    static final int MAX_PERIOD_DAYS = 31;

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9]{1,34}");
    /** The longest reference kept; what a finding can show. */
    static final int MAX_REFERENCE_CHARS = 64;

    static final int MAX_IDENTIFICATION_CHARS = 300;
    private static final String WHOLE = "statement";

    private record Balance(LocalDate date, long fen) {}

    private final int maxEntries;
    private final List<BankStatement.Entry> entries = new ArrayList<>();
    private final List<String> entryLocations = new ArrayList<>();
    private String account;
    private Balance opening;
    private Balance closing;
    private LocalDate periodFrom;
    private LocalDate periodTo;

    StatementBuilder(int maxEntries) {
        if (maxEntries <= 0 || maxEntries > Long.MAX_VALUE / MAX_AMOUNT_FEN - 2) {
            throw new IllegalArgumentException("the entry cap must keep every sum of a statement inside a long");
        }
        this.maxEntries = maxEntries;
    }

    void account(String accountNo, String location) {
        if (accountNo == null || !ACCOUNT.matcher(accountNo).matches()) {
            throw new MalformedStatement(location, "the account number is 1 to 34 letters and digits");
        }
        if (account != null && !account.equals(accountNo)) {
            throw new MalformedStatement(location, "a statement is of one account: " + accountNo + " after " + account);
        }
        account = accountNo;
    }

    void opening(LocalDate date, long fen, String location) {
        if (opening != null) {
            throw new MalformedStatement(location, "a statement has one opening booked balance (OPBD)");
        }
        opening = balance(date, fen, location);
    }

    void closing(LocalDate date, long fen, String location) {
        if (closing != null) {
            throw new MalformedStatement(location, "a statement has one closing booked balance (CLBD)");
        }
        closing = balance(date, fen, location);
    }

    /** The period the file states explicitly (camt.053 FrToDt); otherwise the balances' dates are the period. */
    void period(LocalDate from, LocalDate to, String location) {
        if (from == null || to == null) {
            throw new MalformedStatement(location, "a statement period names its first and last day");
        }
        periodFrom = from;
        periodTo = to;
    }

    void entry(BankStatement.Entry entry, String location) {
        if (entries.size() == maxEntries) {
            throw new StatementTooLarge(maxEntries);
        }
        if (entry.amountFen() > MAX_AMOUNT_FEN) {
            throw new MalformedStatement(location, "an amount above " + MAX_AMOUNT_FEN + " fen is not credible");
        }
        entries.add(entry);
        entryLocations.add(location);
    }

    /**
     * A reference as the bank wrote it, fit to be shown and kept: control characters become spaces,
     * and at most {@value #MAX_REFERENCE_CHARS} characters are kept (ISO 20022 references are 35).
     * Null or blank is no reference. A reference the ledger cannot hold (a '/' in it) is kept all
     * the same: its entry simply matches nothing the ledger holds, and is reported as such.
     */
    static String reference(String raw) {
        if (raw == null) {
            return null;
        }
        String printable = raw.replaceAll("\\p{Cntrl}", " ").strip();
        if (printable.isEmpty()) {
            return null;
        }
        return printable.length() <= MAX_REFERENCE_CHARS ? printable : printable.substring(0, MAX_REFERENCE_CHARS);
    }

    /** What identifies an entry to a person, fit to be shown and kept, at most {@value #MAX_IDENTIFICATION_CHARS}. */
    static String identification(String raw) {
        String printable = raw.replaceAll("\\p{Cntrl}", " ").strip();
        return printable.length() <= MAX_IDENTIFICATION_CHARS
                ? printable
                : printable.substring(0, MAX_IDENTIFICATION_CHARS);
    }

    BankStatement build() {
        if (account == null) {
            throw new MalformedStatement(WHOLE, "the statement names no account");
        }
        if (opening == null || closing == null) {
            throw new MalformedStatement(
                    WHOLE, "a statement has an opening (OPBD) and a closing (CLBD) booked balance");
        }
        LocalDate from = periodFrom != null ? periodFrom : opening.date();
        LocalDate to = periodTo != null ? periodTo : closing.date();
        if (from.isAfter(to)) {
            throw new MalformedStatement(
                    WHOLE, "the statement's period ends (" + to + ") before it starts (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_PERIOD_DAYS) {
            throw new MalformedStatement(WHOLE, "a statement covers at most " + MAX_PERIOD_DAYS + " days");
        }
        for (int i = 0; i < entries.size(); i++) {
            BankStatement.Entry entry = entries.get(i);
            if (entry.booked()
                    && (entry.bookingDate().isBefore(from)
                            || entry.bookingDate().isAfter(to))) {
                throw new MalformedStatement(
                        entryLocations.get(i),
                        "booked on " + entry.bookingDate() + ", outside the statement's period " + from + " to " + to);
            }
        }
        return new BankStatement(account, from, to, opening.fen(), closing.fen(), entries);
    }

    private static Balance balance(LocalDate date, long fen, String location) {
        if (date == null) {
            throw new MalformedStatement(location, "a balance has a date");
        }
        if (Math.abs(fen) > MAX_AMOUNT_FEN) {
            throw new MalformedStatement(location, "a balance above " + MAX_AMOUNT_FEN + " fen is not credible");
        }
        return new Balance(date, fen);
    }
}
