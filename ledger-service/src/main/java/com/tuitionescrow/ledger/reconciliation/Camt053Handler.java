package com.tuitionescrow.ledger.reconciliation;

import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the facts of the camt.053 statements of a file as the parser streams past them: for each
 * {@code Stmt}, the account, the period, the OPBD and CLBD balances and each entry, by their paths
 * under {@code Stmt}. Elements it does not need are passed over; elements of other namespaces never
 * match. Both forms of the entry status are read: the plain code of the older versions
 * ({@code <Sts>BOOK</Sts>} in .02) and the choice of the newer ones ({@code <Sts><Cd>BOOK</Cd></Sts>}).
 *
 * <p>Entries are read as banks write them, not as the ledger would: an entry may carry no reference
 * at all (a fee, interest: only the bank's proprietary codes), a reference in the bank's own format
 * ({@code 20261006173500NOK7947/1/1}), or several transactions booked as one (a batch). Such an entry
 * is kept, with what identifies it, and whatever the ledger cannot match is a finding of the report.
 */
final class Camt053Handler extends DefaultHandler {

    /** A camt.053 entry's deepest fact sits about ten levels down; far deeper is not a statement. */
    static final int MAX_DEPTH = 32;
    /** Transactions of one batched entry that are read one by one; a larger batch is read as one movement. */
    static final int MAX_TRANSACTIONS_PER_ENTRY = 1000;

    private static final Pattern NAMESPACE =
            Pattern.compile("urn:iso:std:iso:20022:tech:xsd:camt\\.053\\.001\\.(0[2-9]|1[0-3])");
    private static final String STMT = "Document/BkToCstmrStmt/Stmt";
    private static final String BAL = STMT + "/Bal";
    private static final String NTRY = STMT + "/Ntry";
    private static final String TX = NTRY + "/NtryDtls/TxDtls";
    private static final String TX_REFS = TX + "/Refs";
    private static final String BK_TX_CD = NTRY + "/BkTxCd";
    private static final String CURRENCY = "CNY";
    /** What ISO 20022 puts in EndToEndId when the payer gave none: not a reference. */
    private static final String NOT_PROVIDED = "NOTPROVIDED";
    /** Free text of an entry shown in what identifies it, at most. */
    private static final int INFORMATION_CHARS = 60;

    private static final class BalanceDraft {
        String code;
        Long fen;
        CreditDebit kind;
        LocalDate date;
    }

    /** One transaction of an entry: its references, and its amount where the bank states it in yuan. */
    private static final class TransactionDraft {
        String accountServicerRef;
        String endToEndId;
        String transactionId;
        Long fen;
        boolean foreignAmount;

        String reference() {
            return firstOf(accountServicerRef, endToEndId, transactionId);
        }
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
        String accountServicerRef;
        String domainCode;
        String familyCode;
        String subFamilyCode;
        String proprietaryCode;
        String information;
        final List<TransactionDraft> transactions = new ArrayList<>();

        EntryDraft(String location) {
            this.location = location;
        }
    }

    private final int maxEntries;
    private final List<BankStatement> statements = new ArrayList<>();
    private final List<String> path = new ArrayList<>(MAX_DEPTH);
    private final StringBuilder text = new StringBuilder();
    private Locator locator;
    private String namespace;
    private StatementBuilder statement;
    private int entriesSoFar;
    private LocalDate periodFrom;
    private LocalDate periodTo;
    private BalanceDraft balance;
    private EntryDraft entry;
    private TransactionDraft transaction;

    Camt053Handler(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The statements of the file, in its order. */
    List<BankStatement> statements() {
        return List.copyOf(statements);
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qualifiedName, Attributes attributes) {
        if (path.isEmpty()) {
            if (!"Document".equals(localName) || !NAMESPACE.matcher(uri).matches()) {
                throw new MalformedStatement(
                        here(),
                        "not an ISO 20022 camt.053 statement: the root element is a "
                                + "Document of namespace urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 to .13");
            }
            namespace = uri;
        }
        path.add(uri.equals(namespace) ? localName : "{" + uri + "}" + localName);
        text.setLength(0);
        switch (String.join("/", path)) {
            case STMT -> {
                statement = new StatementBuilder(maxEntries);
                periodFrom = null;
                periodTo = null;
            }
            case BAL -> balance = new BalanceDraft();
            case NTRY -> entry = new EntryDraft(here());
            case BAL + "/Amt", NTRY + "/Amt" -> requireYuan(attributes.getValue("Ccy"));
            case TX -> {
                transaction = new TransactionDraft();
                entry.transactions.add(transaction);
            }
            case TX + "/Amt", TX + "/AmtDtls/TxAmt/Amt" ->
                transaction.foreignAmount |= !CURRENCY.equals(attributes.getValue("Ccy"));
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
            case STMT -> finishStatement();
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
            case NTRY + "/NtryRef" -> entry.entryRef = value;
            case NTRY + "/AcctSvcrRef" -> entry.accountServicerRef = value;
            case NTRY + "/AddtlNtryInf" -> entry.information = value;
            case BK_TX_CD + "/Domn/Cd" -> entry.domainCode = value;
            case BK_TX_CD + "/Domn/Fmly/Cd" -> entry.familyCode = value;
            case BK_TX_CD + "/Domn/Fmly/SubFmlyCd" -> entry.subFamilyCode = value;
            case BK_TX_CD + "/Prtry/Cd" -> entry.proprietaryCode = value;
            case TX_REFS + "/AcctSvcrRef" -> transaction.accountServicerRef = value;
            case TX_REFS + "/EndToEndId" -> transaction.endToEndId = NOT_PROVIDED.equals(value) ? null : value;
            case TX_REFS + "/TxId" -> transaction.transactionId = value;
            case TX + "/Amt", TX + "/AmtDtls/TxAmt/Amt" -> {
                if (!transaction.foreignAmount) {
                    transaction.fen = fen(value);
                }
            }
            case NTRY -> finishEntry();
            default -> {
                // Not a fact the ledger reconciles.
            }
        }
        path.remove(path.size() - 1);
    }

    @Override
    public void endDocument() {
        if (statements.isEmpty()) {
            throw new MalformedStatement("statement", "the document holds no statement (BkToCstmrStmt/Stmt)");
        }
    }

    private void finishStatement() {
        statements.add(statement.build());
        statement = null;
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

    /**
     * An entry of one transaction is one movement; so is an entry of several whose amounts are not all
     * stated in yuan or do not add up to it. A batch whose transactions each state their yuan amount,
     * adding up to the entry's, is as many movements, each with its own reference.
     */
    private void finishEntry() {
        if (entry.fen == null || entry.kind == null || entry.status == null) {
            throw new MalformedStatement(
                    entry.location, "an entry has an amount (Amt), a CdtDbtInd and a status (Sts)");
        }
        if (entry.fen == 0) {
            throw new MalformedStatement(entry.location, "an entry moves a positive amount");
        }
        boolean booked = entry.status == EntryStatus.BOOK;
        LocalDate date = booked || entry.bookingDate != null ? entry.bookingDate : entry.valueDate;
        if (booked && date == null) {
            throw new MalformedStatement(entry.location, "a booked entry has a booking date (BookgDt)");
        }
        if (isSplittableBatch()) {
            for (int i = 0; i < entry.transactions.size(); i++) {
                TransactionDraft tx = entry.transactions.get(i);
                add(new BankStatement.Entry(
                        date,
                        entry.kind,
                        tx.fen,
                        StatementBuilder.reference(tx.reference()),
                        entry.status,
                        entry.reversal,
                        identification("transaction " + (i + 1) + " of the entry")));
            }
            return;
        }
        String ref = entry.transactions.size() == 1
                ? firstOf(
                        entry.transactions.get(0).accountServicerRef,
                        entry.accountServicerRef,
                        entry.transactions.get(0).endToEndId)
                : entry.accountServicerRef;
        add(new BankStatement.Entry(
                date,
                entry.kind,
                entry.fen,
                StatementBuilder.reference(ref),
                entry.status,
                entry.reversal,
                identification(null)));
    }

    private boolean isSplittableBatch() {
        if (entry.transactions.size() < 2 || entry.transactions.size() > MAX_TRANSACTIONS_PER_ENTRY) {
            return false;
        }
        long sum = 0;
        for (TransactionDraft tx : entry.transactions) {
            if (tx.fen == null || tx.fen <= 0) {
                return false;
            }
            sum = Math.addExact(sum, tx.fen);
        }
        return sum == entry.fen;
    }

    /** Every statement of a file counts towards one cap: the file is what is held in memory. */
    private void add(BankStatement.Entry built) {
        if (++entriesSoFar > maxEntries) {
            throw new StatementTooLarge(maxEntries);
        }
        statement.entry(built, entry.location);
    }

    /** Where the entry is in the file, and what else names it: for a person who looks it up. */
    private String identification(String part) {
        StringJoiner what = new StringJoiner("; ");
        what.add(entry.location);
        if (part != null) {
            what.add(part);
        }
        if (entry.entryRef != null && !entry.entryRef.isEmpty()) {
            what.add("NtryRef " + entry.entryRef);
        }
        if (entry.accountServicerRef != null && !entry.accountServicerRef.isEmpty()) {
            what.add("AcctSvcrRef " + entry.accountServicerRef);
        }
        if (entry.domainCode != null) {
            what.add("BkTxCd " + entry.domainCode + "/" + entry.familyCode + "/" + entry.subFamilyCode);
        }
        if (entry.proprietaryCode != null) {
            what.add("BkTxCd Prtry " + entry.proprietaryCode);
        }
        if (entry.information != null && !entry.information.isEmpty()) {
            what.add(
                    entry.information.length() <= INFORMATION_CHARS
                            ? entry.information
                            : entry.information.substring(0, INFORMATION_CHARS) + "...");
        }
        return StatementBuilder.identification(what.toString());
    }

    private void requireYuan(String currency) {
        if (!CURRENCY.equals(currency)) {
            throw new MalformedStatement(
                    here(), "a custody account statement is in CNY, not '" + (currency == null ? "" : currency) + "'");
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
            default ->
                throw new MalformedStatement(
                        here(),
                        "the ledger reads entries of status BOOK or PDNG, not '"
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
                return OffsetDateTime.parse(value)
                        .atZoneSameInstant(LedgerTime.ZONE)
                        .toLocalDate();
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
