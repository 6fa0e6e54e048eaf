package com.tuitionescrow.ledger.reconciliation;

import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The bank CSV of docs/api.md, read strictly: UTF-8, the header row exactly, seven columns per row, no
 * quoting (no field may contain a comma), amounts in whole non-negative fen. Any row the ledger
 * cannot read refuses the whole file, naming the line, rather than being skipped.
 */
final class CsvStatementParser {

    static final String HEADER = "custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal";
    private static final int COLUMNS = 7;
    private static final Pattern WHOLE_FEN = Pattern.compile("[0-9]{1,18}");
    /** Spreadsheet programs put a byte order mark in front of UTF-8; it carries no data. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final int maxEntries;

    CsvStatementParser(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    BankStatement parse(byte[] file) {
        String text = utf8(file);
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        // A final line break ends the last row; it does not start an empty one.
        int rows = lines.length > 1 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        if (!withoutCarriageReturn(lines[0]).equals(HEADER)) {
            throw new MalformedStatement("line 1", "the first row is the header " + HEADER);
        }
        StatementBuilder statement = new StatementBuilder(maxEntries);
        for (int i = 1; i < rows; i++) {
            row(withoutCarriageReturn(lines[i]), "line " + (i + 1), statement);
        }
        return statement.build();
    }

    private static void row(String line, String location, StatementBuilder statement) {
        if (line.indexOf('"') >= 0) {
            throw new MalformedStatement(location, "fields are not quoted in this format");
        }
        String[] field = line.split(",", -1);
        if (field.length != COLUMNS) {
            throw new MalformedStatement(
                    location, "a row has " + COLUMNS + " columns (" + HEADER + "), this one has " + field.length);
        }
        statement.account(field[0], location + ", custodyAccountNo");
        LocalDate bookingDate = date(field[1], location);
        long fen = fen(field[3], location);
        switch (field[2]) {
            case "OPBD" -> {
                requireBalanceRow(field, location);
                statement.opening(bookingDate, fen, location);
            }
            case "CLBD" -> {
                requireBalanceRow(field, location);
                statement.closing(bookingDate, fen, location);
            }
            case "CRDT", "DBIT" -> {
                if (fen == 0) {
                    throw new MalformedStatement(location + ", amountFen", "an entry moves a positive amount");
                }
                // An empty bankRef is an entry the bank gave no reference (a fee): kept, and known by its line.
                statement.entry(
                        new BankStatement.Entry(
                                bookingDate,
                                CreditDebit.valueOf(field[2]),
                                fen,
                                StatementBuilder.reference(field[4]),
                                status(field[5], location),
                                reversal(field[6], location),
                                location),
                        location);
            }
            default -> throw new MalformedStatement(location + ", kind", "kind is CRDT, DBIT, OPBD or CLBD");
        }
    }

    /** A balance is booked and reverses nothing; a reference on it is allowed and ignored. */
    private static void requireBalanceRow(String[] field, String location) {
        if (!field[5].isEmpty() && !field[5].equals(EntryStatus.BOOK.name())) {
            throw new MalformedStatement(location + ", status", "a balance row's status is BOOK or empty");
        }
        if (!field[6].isEmpty() && !field[6].equals("false")) {
            throw new MalformedStatement(location + ", reversal", "a balance row's reversal is false or empty");
        }
    }

    private static LocalDate date(String text, String location) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedStatement(location + ", bookingDate", "a date is YYYY-MM-DD");
        }
    }

    private static long fen(String text, String location) {
        if (!WHOLE_FEN.matcher(text).matches()) {
            throw new MalformedStatement(location + ", amountFen", "an amount is a whole, non-negative number of fen");
        }
        return Long.parseLong(text);
    }

    private static EntryStatus status(String text, String location) {
        return switch (text) {
            case "BOOK" -> EntryStatus.BOOK;
            case "PDNG" -> EntryStatus.PDNG;
            default -> throw new MalformedStatement(location + ", status", "status is BOOK or PDNG");
        };
    }

    private static boolean reversal(String text, String location) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new MalformedStatement(location + ", reversal", "reversal is true or false");
        };
    }

    private static String withoutCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String utf8(byte[] file) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedStatement("statement", "a CSV statement is UTF-8");
        }
    }
}
