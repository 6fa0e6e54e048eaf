package com.tuitionescrow.ledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ISO 20022 camt.053 as custody banks send it, in the 001.02 and 001.08 forms; and the files a
 * hostile sender might try instead, which are refused before they can reach anything.
 */
class Camt053ParserTest {

    private static final String ACCOUNT = "6222020200112233";
    private static final LocalDate DAY = LocalDate.parse("2026-03-02");

    private final Camt053Parser parser = new Camt053Parser(100);

    // ---- what a statement says -----------------------------------------------------------------

    @Test
    void a_camt_053_001_02_statement_gives_its_account_period_balances_and_entries_in_fen() {
        BankStatement statement = parse(document(
                "02",
                ACCOUNT,
                """
                <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">1000.00</Amt>
                  <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-02</Dt></Dt></Bal>
                <Bal><Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">9.99</Amt>
                  <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-02</Dt></Dt></Bal>
                <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">3999.99</Amt>
                  <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-02</Dt></Dt></Bal>
                """ + entry02("TXN-1", "3000.00", "CRDT", "BOOK", false)
                        + entry02("PAY-2", "0.01", "DBIT", "BOOK", false)
                        + entry02("TXN-3", "12.3", "CRDT", "PDNG", false)
                        + entry02("TXN-1", "3000.00", "DBIT", "BOOK", true)));

        assertThat(statement.custodyAccountNo()).isEqualTo(ACCOUNT);
        assertThat(statement.fromDate()).isEqualTo(DAY);
        assertThat(statement.toDate()).isEqualTo(DAY);
        assertThat(statement.openingFen()).isEqualTo(100_000);
        assertThat(statement.closingFen()).isEqualTo(399_999);
        assertThat(statement.entries())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("identifiedBy")
                .containsExactly(
                        new BankStatement.Entry(DAY, CreditDebit.CRDT, 300_000, "TXN-1", EntryStatus.BOOK, false),
                        new BankStatement.Entry(DAY, CreditDebit.DBIT, 1, "PAY-2", EntryStatus.BOOK, false),
                        new BankStatement.Entry(DAY, CreditDebit.CRDT, 1_230, "TXN-3", EntryStatus.PDNG, false),
                        new BankStatement.Entry(DAY, CreditDebit.DBIT, 300_000, "TXN-1", EntryStatus.BOOK, true));
    }

    @Test
    void a_camt_053_001_08_statement_has_its_status_in_a_code_and_may_state_its_period() {
        BankStatement statement = parse(document("08", ACCOUNT, """
                <FrToDt><FrDtTm>2026-03-01T00:00:00+08:00</FrDtTm><ToDtTm>2026-03-02T23:59:59+08:00</ToDtTm></FrToDt>
                <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">0</Amt>
                  <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt></Bal>
                <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">5000.00</Amt>
                  <CdtDbtInd>CRDT</CdtDbtInd><Dt><DtTm>2026-03-02T23:59:59+08:00</DtTm></Dt></Bal>
                <Ntry>
                  <Amt Ccy="CNY">5000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>false</RvslInd>
                  <Sts><Cd>BOOK</Cd></Sts>
                  <BookgDt><DtTm>2026-03-01T16:30:00Z</DtTm></BookgDt>
                  <AcctSvcrRef>ENTRY-REF</AcctSvcrRef>
                  <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                </Ntry>
                <Ntry>
                  <Amt Ccy="CNY">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
                  <Sts><Cd>PDNG</Cd></Sts>
                  <ValDt><Dt>2026-03-03</Dt></ValDt>
                  <NtryDtls><TxDtls><Refs><EndToEndId>E2E-7</EndToEndId></Refs></TxDtls></NtryDtls>
                </Ntry>
                """));

        assertThat(statement.fromDate()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(statement.toDate()).isEqualTo(DAY);
        assertThat(statement.closingFen()).isEqualTo(500_000);
        // 16:30 UTC on the 1st is 00:30 on the 2nd in Beijing: the bank's day is Beijing's.
        assertThat(statement.entries())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("identifiedBy")
                .containsExactly(
                        new BankStatement.Entry(DAY, CreditDebit.CRDT, 500_000, "ENTRY-REF", EntryStatus.BOOK, false),
                        new BankStatement.Entry(
                                LocalDate.parse("2026-03-03"),
                                CreditDebit.CRDT,
                                100,
                                "E2E-7",
                                EntryStatus.PDNG,
                                false));
    }

    @Test
    void the_bank_transaction_reference_is_preferred_to_the_entry_reference_and_the_end_to_end_id() {
        BankStatement statement = parse(document("02", ACCOUNT, balances("0.00", "CRDT", "7.00", "CRDT") + """
                <Ntry><Amt Ccy="CNY">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>ENTRY-1</AcctSvcrRef>
                  <NtryDtls><TxDtls><Refs><AcctSvcrRef>TXN-1</AcctSvcrRef><EndToEndId>E2E-1</EndToEndId></Refs></TxDtls></NtryDtls>
                </Ntry>
                <Ntry><Amt Ccy="CNY">4.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>2026-03-02</Dt></BookgDt>
                  <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs></TxDtls></NtryDtls>
                  <AcctSvcrRef>ENTRY-2</AcctSvcrRef>
                </Ntry>
                """));

        assertThat(statement.entries()).extracting(BankStatement.Entry::bankRef).containsExactly("TXN-1", "ENTRY-2");
    }

    @Test
    void a_debit_balance_is_negative() {
        BankStatement statement = parse(document("02", ACCOUNT, balances("12.34", "DBIT", "0.01", "DBIT")));

        assertThat(statement.openingFen()).isEqualTo(-1_234);
        assertThat(statement.closingFen()).isEqualTo(-1);
    }

    // ---- hostile files -------------------------------------------------------------------------

    @Test
    void an_external_entity_is_refused_with_the_doctype_and_no_file_is_read() {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Document [<!ENTITY account SYSTEM "file:///etc/passwd">]>
                """
                + document("02", "&account;", balances("0.00", "CRDT", "0.00", "CRDT"))
                        .substring(39);

        assertThatThrownBy(() -> parse(xxe))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageStartingWith("line 2")
                .hasMessageContaining("may not contain a DOCTYPE")
                .hasMessageNotContaining("root:");
    }

    @Test
    void an_external_dtd_is_refused_and_never_fetched() {
        String externalDtd = """
                <?xml version="1.0"?>
                <!DOCTYPE Document SYSTEM "http://127.0.0.1:9/evil.dtd">
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>
                """;

        assertThatThrownBy(() -> parse(externalDtd))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void billion_laughs_is_refused_at_once_without_expanding_anything() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        laughs.append("]>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&lol9;</Document>");

        long started = System.nanoTime();
        assertThatThrownBy(() -> parse(laughs.toString()))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("DOCTYPE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void an_xinclude_is_not_followed() {
        String include = document(
                "02",
                "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                        + "href=\"file:///etc/hostname\" parse=\"text\"/>",
                balances("0.00", "CRDT", "0.00", "CRDT"));

        assertThatThrownBy(() -> parse(include))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("account number");
    }

    @Test
    void nesting_far_deeper_than_a_statement_is_refused() {
        String deep = document("02", ACCOUNT, "<Ntry>" + "<X>".repeat(40) + "</X>".repeat(40) + "</Ntry>");

        assertThatThrownBy(() -> parse(deep))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("cannot be read as XML")
                .hasMessageContaining("maxElementDepth");
    }

    @Test
    void xml_that_is_not_well_formed_is_refused_with_its_line() {
        String broken = document("02", ACCOUNT, balances("0.00", "CRDT", "0.00", "CRDT"))
                .replace("</Acct>", "</Account>");

        assertThatThrownBy(() -> parse(broken))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageStartingWith("line 7, column")
                .hasMessageContaining("cannot be read as XML");
    }

    @Test
    void a_document_of_another_message_or_no_namespace_is_refused() {
        assertThatThrownBy(() -> parse(document("02", ACCOUNT, "").replace("camt.053.001.02", "camt.052.001.02")))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("not an ISO 20022 camt.053 statement");
        assertThatThrownBy(() -> parse("<Document><BkToCstmrStmt/></Document>"))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("not an ISO 20022 camt.053 statement");
        assertThatThrownBy(() -> parse("not xml at all"))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("cannot be read as XML");
        assertThatThrownBy(() -> parse(""))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("cannot be read as XML");
    }

    // ---- statements the ledger cannot reconcile -----------------------------------------------

    @Test
    void another_currency_is_refused() {
        String dollars = document(
                "02",
                ACCOUNT,
                balances("0.00", "CRDT", "1.00", "CRDT")
                        + entry02("TXN-1", "1.00", "CRDT", "BOOK", false).replace("CNY", "USD"));

        assertThatThrownBy(() -> parse(dollars))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("in CNY, not 'USD'");
    }

    @Test
    void an_amount_in_fractions_of_a_fen_is_refused_with_its_line() {
        String fractions = document("02", ACCOUNT, balances("0.00", "CRDT", "12.345", "CRDT"));

        assertThatThrownBy(() -> parse(fractions))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageStartingWith("line 9:")
                .hasMessageContaining("at most 2 decimals");
    }

    @Test
    void a_statement_without_an_opening_or_closing_booked_balance_is_refused() {
        String noOpening =
                document("02", ACCOUNT, balances("0.00", "CRDT", "0.00", "CRDT").replace("OPBD", "OPAV"));

        assertThatThrownBy(() -> parse(noOpening))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("opening (OPBD) and a closing (CLBD)");
    }

    @Test
    void given_an_entry_with_only_the_banks_proprietary_codes_when_parsed_then_it_is_kept_with_what_identifies_it() {
        String fee = document("02", ACCOUNT, balances("1.00", "CRDT", "0.00", "CRDT") + """
                <Ntry><NtryRef>0007</NtryRef><Amt Ccy="CNY">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>2026-03-02</Dt></BookgDt>
                  <BkTxCd><Domn><Cd>ACMT</Cd><Fmly><Cd>MDOP</Cd><SubFmlyCd>CHRG</SubFmlyCd></Fmly></Domn>
                    <Prtry><Cd>NTRF+805</Cd><Issr>BANK</Issr></Prtry></BkTxCd>
                  <AddtlNtryInf>Fee</AddtlNtryInf></Ntry>
                """);

        BankStatement.Entry entry = parse(fee).entries().get(0);

        assertThat(entry.bankRef()).isNull();
        assertThat(entry.amountFen()).isEqualTo(100);
        assertThat(entry.identifiedBy())
                .startsWith("line ")
                .contains("NtryRef 0007", "BkTxCd ACMT/MDOP/CHRG", "BkTxCd Prtry NTRF+805", "Fee");
    }

    @Test
    void given_a_reference_in_the_banks_own_format_when_parsed_then_it_is_kept_as_written() {
        String ownFormat = document(
                "02",
                ACCOUNT,
                balances("0.00", "CRDT", "1.00", "CRDT")
                        + entry02("20261006173500NOK7947/1/1", "1.00", "CRDT", "BOOK", false));

        assertThat(parse(ownFormat).entries().get(0).bankRef()).isEqualTo("20261006173500NOK7947/1/1");
    }

    @Test
    void given_a_batch_booked_as_one_entry_when_its_transactions_state_their_amounts_then_each_is_a_movement() {
        String batch = document("02", ACCOUNT, balances("0.00", "CRDT", "3.00", "CRDT") + """
                <Ntry><Amt Ccy="CNY">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>BATCH/1</AcctSvcrRef>
                  <NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>
                    <TxDtls><Refs><AcctSvcrRef>A</AcctSvcrRef></Refs><Amt Ccy="CNY">1.00</Amt></TxDtls>
                    <TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId><TxId>B</TxId></Refs>
                      <AmtDtls><TxAmt><Amt Ccy="CNY">2.00</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls></Ntry>
                """);
        String unstated = batch.replace("<Amt Ccy=\"CNY\">1.00</Amt>", "")
                .replace("<AmtDtls><TxAmt><Amt Ccy=\"CNY\">2.00</Amt></TxAmt></AmtDtls>", "");

        assertThat(parse(batch).entries())
                .extracting(BankStatement.Entry::bankRef, BankStatement.Entry::amountFen)
                .containsExactly(tuple("A", 100L), tuple("B", 200L));
        assertThat(parse(unstated).entries())
                .as("without their amounts, the batch is one movement")
                .extracting(BankStatement.Entry::bankRef, BankStatement.Entry::amountFen)
                .containsExactly(tuple("BATCH/1", 300L));
    }

    @Test
    void given_a_file_of_two_statements_when_parsed_then_each_is_read_on_its_own() {
        String one = document(
                "02",
                ACCOUNT,
                balances("0.00", "CRDT", "1.00", "CRDT") + entry02("TXN-1", "1.00", "CRDT", "BOOK", false));
        String stmt = one.substring(one.indexOf("<Stmt>"), one.indexOf("</Stmt>") + "</Stmt>".length());
        String two = one.replace(
                "</Stmt>", "</Stmt>" + stmt.replace(ACCOUNT, "6222020200998877").replace("TXN-1", "TXN-2"));

        List<BankStatement> statements = parser.parse(two.getBytes(StandardCharsets.UTF_8));

        assertThat(statements).extracting(BankStatement::custodyAccountNo).containsExactly(ACCOUNT, "6222020200998877");
        assertThat(statements.get(1).entries())
                .extracting(BankStatement.Entry::bankRef)
                .containsExactly("TXN-2");
    }

    @Test
    void an_unknown_status_is_refused() {
        String information = document(
                "02",
                ACCOUNT,
                balances("0.00", "CRDT", "0.00", "CRDT") + entry02("TXN-1", "1.00", "CRDT", "INFO", false));
        assertThatThrownBy(() -> parse(information))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("BOOK or PDNG");
    }

    @Test
    void a_booked_entry_outside_the_statements_period_is_refused() {
        String late = document(
                "02",
                ACCOUNT,
                balances("0.00", "CRDT", "1.00", "CRDT")
                        + entry02("TXN-1", "1.00", "CRDT", "BOOK", false).replace("2026-03-02", "2026-03-03"));

        assertThatThrownBy(() -> parse(late))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("outside the statement's period 2026-03-02 to 2026-03-02");
    }

    @Test
    void parsing_stops_at_the_first_entry_beyond_the_cap() {
        Camt053Parser capped = new Camt053Parser(2);
        String three = document(
                "02",
                ACCOUNT,
                balances("0.00", "CRDT", "3.00", "CRDT")
                        + entry02("T1", "1.00", "CRDT", "BOOK", false)
                        + entry02("T2", "1.00", "CRDT", "BOOK", false)
                        + entry02("T3", "1.00", "CRDT", "BOOK", false));

        assertThatThrownBy(() -> capped.parse(three.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StatementTooLarge.class)
                .hasMessageContaining("at most 2 entries");
    }

    // ---- fixtures ------------------------------------------------------------------------------

    /** The file's one statement. */
    private BankStatement parse(String xml) {
        List<BankStatement> statements = parser.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    /** A one-statement camt.053 document; the account is line 7. */
    static String document(String version, String account, String balancesAndEntries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.%s">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>MSG-20260302-1</MsgId><CreDtTm>2026-03-03T01:00:00+08:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>STMT-20260302</Id><CreDtTm>2026-03-03T01:00:00+08:00</CreDtTm>
                      <Acct><Id><Othr><Id>%s</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
                %s
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(version, account, balancesAndEntries);
    }

    private static String balances(String opening, String openingSide, String closing, String closingSide) {
        return """
                <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Dt><Dt>2026-03-02</Dt></Dt></Bal>
                <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Dt><Dt>2026-03-02</Dt></Dt></Bal>
                """.formatted(opening, openingSide, closing, closingSide);
    }

    private static String entry02(String ref, String yuan, String side, String status, boolean reversal) {
        return """
                <Ntry>
                  <Amt Ccy="CNY">%s</Amt><CdtDbtInd>%s</CdtDbtInd>%s<Sts>%s</Sts>
                  <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt>
                  <NtryDtls><TxDtls><Refs><AcctSvcrRef>%s</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                </Ntry>
                """.formatted(yuan, side, reversal ? "<RvslInd>true</RvslInd>" : "", status, ref);
    }
}
