package com.tuitionescrow.ledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bank CSV of docs/api.md, read strictly: a row the ledger cannot read refuses the file and names its line. */
class CsvStatementParserTest {

    private static final String HEADER = "custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal";
    private static final LocalDate DAY = LocalDate.parse("2026-03-02");

    private final CsvStatementParser parser = new CsvStatementParser(100);

    @Test
    void a_statement_gives_its_account_period_balances_and_entries() {
        BankStatement statement = parse(HEADER + "\r\n"
                + "6222020200112233,2026-03-02,OPBD,100000,,BOOK,false\r\n"
                + "6222020200112233,2026-03-02,CRDT,300000,TXN-1,BOOK,false\r\n"
                + "6222020200112233,2026-03-02,DBIT,300000,TXN-1,BOOK,true\r\n"
                + "6222020200112233,2026-03-02,DBIT,1,PAY-2,BOOK,false\r\n"
                + "6222020200112233,2026-03-03,CRDT,1230,TXN-3,PDNG,false\r\n"
                + "6222020200112233,2026-03-02,CLBD,99999,,,\r\n");

        assertThat(statement.custodyAccountNo()).isEqualTo("6222020200112233");
        assertThat(statement.fromDate()).isEqualTo(DAY);
        assertThat(statement.toDate()).isEqualTo(DAY);
        assertThat(statement.openingFen()).isEqualTo(100_000);
        assertThat(statement.closingFen()).isEqualTo(99_999);
        assertThat(statement.entries())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("identifiedBy")
                .containsExactly(
                        new BankStatement.Entry(DAY, CreditDebit.CRDT, 300_000, "TXN-1", EntryStatus.BOOK, false),
                        new BankStatement.Entry(DAY, CreditDebit.DBIT, 300_000, "TXN-1", EntryStatus.BOOK, true),
                        new BankStatement.Entry(DAY, CreditDebit.DBIT, 1, "PAY-2", EntryStatus.BOOK, false),
                        new BankStatement.Entry(
                                LocalDate.parse("2026-03-03"),
                                CreditDebit.CRDT,
                                1_230,
                                "TXN-3",
                                EntryStatus.PDNG,
                                false));
    }

    @Test
    void a_byte_order_mark_and_a_missing_final_line_break_are_accepted() {
        BankStatement statement = parse("\uFEFF" + HEADER + "\n"
                + "6222020200112233,2026-03-02,OPBD,0,,,\n"
                + "6222020200112233,2026-03-02,CLBD,0,,,");

        assertThat(statement.entries()).isEmpty();
        assertThat(statement.closingFen()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a negative amount | 6222020200112233,2026-03-02,CRDT,-5,TXN-1,BOOK,false | line 3, amountFen",
                "an amount in yuan | 6222020200112233,2026-03-02,CRDT,50.00,TXN-1,BOOK,false | line 3, amountFen",
                "a zero entry | 6222020200112233,2026-03-02,CRDT,0,TXN-1,BOOK,false | line 3, amountFen",
                "an unknown kind | 6222020200112233,2026-03-02,XFER,5,TXN-1,BOOK,false | line 3, kind",
                "an unknown status | 6222020200112233,2026-03-02,CRDT,5,TXN-1,INFO,false | line 3, status",
                "a reversal that is not a boolean | 6222020200112233,2026-03-02,CRDT,5,TXN-1,BOOK,yes | line 3, reversal",
                "a date that is not a date | 6222020200112233,02/03/2026,CRDT,5,TXN-1,BOOK,false | line 3, bookingDate",
                "a quoted field | 6222020200112233,2026-03-02,CRDT,5,\"TXN-1\",BOOK,false | line 3",
                "too few columns | 6222020200112233,2026-03-02,CRDT,5,TXN-1,BOOK | line 3",
                "too many columns | 6222020200112233,2026-03-02,CRDT,5,TXN-1,BOOK,false, | line 3",
                "an empty row | '' | line 3",
                "another account | 6222020200999999,2026-03-02,CRDT,5,TXN-1,BOOK,false | line 3, custodyAccountNo",
                "a second opening balance | 6222020200112233,2026-03-02,OPBD,0,,BOOK,false | line 3",
                "a pending balance | 6222020200112233,2026-03-02,CLBD,0,,PDNG,false | line 3, status"
            })
    void a_row_the_ledger_cannot_read_refuses_the_file_naming_its_line(String what, String row, String location) {
        String file = HEADER + "\n6222020200112233,2026-03-02,OPBD,0,,BOOK,false\n" + row
                + "\n6222020200112233,2026-03-02,CLBD,5,,BOOK,false\n";

        assertThatThrownBy(() -> parse(file))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageStartingWith(location + ":")
                .satisfies(e -> assertThat(((MalformedStatement) e).location()).isEqualTo(location));
    }

    @Test
    void a_wrong_or_missing_header_is_refused_on_line_1() {
        assertThatThrownBy(() -> parse("custodyAccountNo,bookingDate,kind,amount,bankRef,status,reversal\n"))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageStartingWith("line 1:");
        assertThatThrownBy(() -> parse("6222020200112233,2026-03-02,OPBD,0,,BOOK,false\n"))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageStartingWith("line 1:");
        assertThatThrownBy(() -> parse(""))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageStartingWith("line 1:");
    }

    @Test
    void a_statement_without_its_opening_or_closing_balance_is_refused() {
        assertThatThrownBy(() -> parse(HEADER + "\n6222020200112233,2026-03-02,OPBD,0,,BOOK,false\n"))
                .isInstanceOf(MalformedStatement.class)
                .hasMessage("statement: a statement has an opening (OPBD) and a closing (CLBD) booked balance");
    }

    @Test
    void bytes_that_are_not_utf_8_are_refused() {
        byte[] latin1 = (HEADER + "\n6222020200112233,2026-03-02,CRDT,5,TXN-\u00e9,BOOK,false\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> parser.parse(latin1))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void a_statement_longer_than_a_month_is_refused() {
        assertThatThrownBy(() -> parse(HEADER + "\n6222020200112233,2026-01-01,OPBD,0,,BOOK,false\n"
                        + "6222020200112233,2026-03-02,CLBD,0,,BOOK,false\n"))
                .isInstanceOf(MalformedStatement.class)
                .hasMessageContaining("at most 31 days");
    }

    @Test
    void parsing_stops_at_the_first_entry_beyond_the_cap() {
        CsvStatementParser capped = new CsvStatementParser(1);
        String two = HEADER + "\n6222020200112233,2026-03-02,CRDT,5,T1,BOOK,false\n"
                + "6222020200112233,2026-03-02,CRDT,5,T2,BOOK,false\n";

        assertThatThrownBy(() -> capped.parse(two.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StatementTooLarge.class);
    }

    private BankStatement parse(String csv) {
        return parser.parse(csv.getBytes(StandardCharsets.UTF_8));
    }
}
