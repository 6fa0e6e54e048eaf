package com.tuitionescrow.ledger.reconciliation;

import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the facts of one camt.053 statement as the parser streams past them: the account, the
 * period, the OPBD and CLBD balances and each entry, by their paths under {@code Stmt}. Elements it
 * does not need are passed over; elements of other namespaces never match. Both forms of the entry
 * status are read: the plain code of the older versions ({@code <Sts>BOOK</Sts>} in .02) and the
 * choice of the newer ones ({@code <Sts><Cd>BOOK</Cd></Sts>} in .08).
 */
final class Camt053Handler extends DefaultHandler {

    /** A camt.053 entry's deepest fact sits about ten levels down; far deeper is not a statement. */
    static final int MAX_DEPTH = 32;
    private static final Pattern NAMESPACE = Pattern.compile("urn:iso:std:iso:20022:tech:xsd:camt\\.053\\.001\\.(0[2-9]|1[0-3])");
    private static final String STMT = "Document/BkToCstmrStmt/Stmt";
    private static final String BAL = STMT + "/Bal";
    private static final String NTRY = STMT + "/Ntry";
    private static final String TX_REFS = NTRY + "/NtryDtls/TxDtls/Refs";
    private static final String CURRENCY = "CNY";
    /** What ISO 20022 puts in EndToEndId when the payer gave none: not a reference. */
    private static final String NOT_PROVIDED = "NOTPROVIDED";

    private static final class BalanceDraft {
        String code;
        Long fen;
        CreditDebit kind;
        LocalDate date;
    }

    private static final class EntryDraft {
        final String location;
        Long fen;
        CreditDebit kind;
        boolean reversal;
        EntryStatus status;
        LocalDate bookingDate;
        LocalDate valueDate;
        String entryRef;
        String transactionRef;
        String endToEndId;
        int transactions;

        EntryDraft(String location) {
            this.location = location;
        }
    }

    private final StatementBuilder statement;
    private final List<String> path = new ArrayList<>(MAX_DEPTH);
    private final StringBuilder text = new StringBuilder();
    private Locator locator;
    private String namespace;
    private int statements;
    private LocalDate periodFrom;
    private LocalDate periodTo;
    private BalanceDraft balance;
    private EntryDraft entry;

    Camt053Handler(StatementBuilder statement) {
        this.statement = statement;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qualifiedName, Attributes attributes) {
        if (path.isEmpty()) {
            if (!"Document".equals(localName) || !NAMESPACE.matcher(uri).matches()) {
                throw new MalformedStatement(here(), "not an ISO 20022 camt.053 statement: the root element is a "
                        + "Document of namespace urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 to .13");
            }
            namespace = uri;
        }
        path.add(uri.equals(namespace) ? localName : "{" + uri + "}" + localName);
        text.setLength(0);
        switch (String.join("/", path)) {
            case STMT -> {
                if (++statements > 1) {
                    throw new MalformedStatement(here(), "one statement (Stmt) per file");
                }
            }
            case BAL -> balance = new BalanceDraft();
            case NTRY -> entry = new EntryDraft(here());
            case BAL + "/Amt", NTRY + "/Amt" -> requireYuan(attributes.getValue("Ccy"));
            case NTRY + "/NtryDtls/TxDtls" -> {
                if (++entry.transactions > 1) {
                    throw new MalformedStatement(here(), "an entry carries one transaction (TxDtls); "
                            + "send batched bookings as one entry each");
                }
            }
            default -> {
                // Not a fact the ledger reconciles.
            }
        }
    }

    @Override
    public void characters(char[] characters, int start, int length) {
        text.append(characters, start, length);
    }

    @Override
    public void endElement(String uri, String localName, String qualifiedName) {
        String value = text.toString().strip();
        text.setLength(0);
        switch (String.join("/", path)) {
            case STMT + "/Acct/Id/Othr/Id", STMT + "/Acct/Id/IBAN" -> statement.account(value, here());
            case STMT + "/Acct/Ccy" -> requireYuan(value);
            case STMT + "/FrToDt/FrDtTm" -> periodFrom = date(value);
            case STMT + "/FrToDt/ToDtTm" -> periodTo = date(value);
            case STMT + "/FrToDt" -> statement.period(periodFrom, periodTo, here());
            case BAL + "/Tp/CdOrPrtry/Cd" -> balance.code = value;
            case BAL + "/Amt" -> balance.fen = fen(value);
            case BAL + "/CdtDbtInd" -> balance.kind = creditDebit(value);
            case BAL + "/Dt/Dt", BAL + "/Dt/DtTm" -> balance.date = date(value);
            case BAL -> finishBalance();
            case NTRY + "/Amt" -> entry.fen = fen(value);
            case NTRY + "/CdtDbtInd" -> entry.kind = creditDebit(value);
            case NTRY + "/RvslInd" -> entry.reversal = reversal(value);
            case NTRY + "/Sts" -> {
                if (!value.isEmpty()) {
                    entry.status = status(value);
                }
            }
            case NTRY + "/Sts/Cd" -> entry.status = status(value);
            case NTRY + "/BookgDt/Dt", NTRY + "/BookgDt/DtTm" -> entry.bookingDate = date(value);
            case NTRY + "/ValDt/Dt", NTRY + "/ValDt/DtTm" -> entry.valueDate = date(value);
            case NTRY + "/AcctSvcrRef" -> entry.entryRef = value;
            case TX_REFS + "/AcctSvcrRef" -> entry.transactionRef = value;
            case TX_REFS + "/EndToEndId" -> entry.endToEndId = NOT_PROVIDED.equals(value) ? null : value;
            case NTRY -> finishEntry();
            default -> {
                // Not a fact the ledger reconciles.
            }
        }
        path.remove(path.size() - 1);
    }

    @Override
    public void endDocument() {
        if (statements == 0) {
            throw new MalformedStatement("statement", "the document holds no statement (BkToCstmrStmt/Stmt)");
        }
    }

    /** Only the booked opening and closing balances matter; available and interim balances are passed over. */
    private void finishBalance() {
        boolean opening = "OPBD".equals(balance.code);
        if (!opening && !"CLBD".equals(balance.code)) {
            return;
        }
        if (balance.fen == null || balance.kind == null) {
            throw new MalformedStatement(here(), "a balance has an amount (Amt) and a CdtDbtInd");
        }
        long fen = balance.kind == CreditDebit.DBIT ? -balance.fen : balance.fen;
        if (opening) {
            statement.opening(balance.date, fen, here());
        } else {
            statement.closing(balance.date, fen, here());
        }
    }

    private void finishEntry() {
        if (entry.fen == null || entry.kind == null || entry.status == null) {
            throw new MalformedStatement(entry.location, "an entry has an amount (Amt), a CdtDbtInd and a status (Sts)");
        }
        if (entry.fen == 0) {
            throw new MalformedStatement(entry.location, "an entry moves a positive amount");
        }
        String ref = firstOf(entry.transactionRef, entry.entryRef, entry.endToEndId);
        if (ref == null) {
            throw new MalformedStatement(entry.location, "an entry has a reference: TxDtls/Refs/AcctSvcrRef, "
                    + "Ntry/AcctSvcrRef or TxDtls/Refs/EndToEndId");
        }
        boolean booked = entry.status == EntryStatus.BOOK;
        LocalDate date = booked || entry.bookingDate != null ? entry.bookingDate : entry.valueDate;
        if (booked && date == null) {
            throw new MalformedStatement(entry.location, "a booked entry has a booking date (BookgDt)");
        }
        statement.entry(new BankStatement.Entry(date, entry.kind, entry.fen, ref, entry.status, entry.reversal),
                entry.location);
    }

    private void requireYuan(String currency) {
        if (!CURRENCY.equals(currency)) {
            throw new MalformedStatement(here(), "a custody account statement is in CNY, not '"
                    + (currency == null ? "" : currency) + "'");
        }
    }

    private long fen(String yuan) {
        try {
            return YuanAmount.toFen(yuan);
        } catch (IllegalArgumentException e) {
            throw new MalformedStatement(here(), e.getMessage());
        }
    }

    private CreditDebit creditDebit(String value) {
        return switch (value) {
            case "CRDT" -> CreditDebit.CRDT;
            case "DBIT" -> CreditDebit.DBIT;
            default -> throw new MalformedStatement(here(), "CdtDbtInd is CRDT or DBIT");
        };
    }

    private boolean reversal(String value) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new MalformedStatement(here(), "RvslInd is true or false");
        };
    }

    private EntryStatus status(String value) {
        return switch (value) {
            case "BOOK" -> EntryStatus.BOOK;
            case "PDNG" -> EntryStatus.PDNG;
            default -> throw new MalformedStatement(here(), "the ledger reads entries of status BOOK or PDNG, not '"
                    + (value.length() > 8 ? value.substring(0, 8) + "..." : value) + "'");
        };
    }

    /**
     * An ISODate, or an ISODateTime read as the day it falls on in Beijing (a time without an offset
     * is the bank's local time).
     */
    private LocalDate date(String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
            if (value.endsWith("Z") || value.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
                return OffsetDateTime.parse(value).atZoneSameInstant(LedgerTime.ZONE).toLocalDate();
            }
            return LocalDateTime.parse(value).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new MalformedStatement(here(), "a date is YYYY-MM-DD, a date-time is ISO 8601");
        }
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isEmpty()) {
                return candidate;
            }
        }
        return null;
    }

    private String here() {
        return locator == null ? "statement" : "line " + locator.getLineNumber();
    }
}
