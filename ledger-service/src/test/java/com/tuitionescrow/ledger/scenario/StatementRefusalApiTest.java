package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.BankSigner;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A statement file comes from outside and is treated as hostile: malformed, unsafe or oversized files,
 * files of an account no institution holds, and calls that are not the bank's, are refused with a
 * problem that says why, and nothing is recorded.
 */
class StatementRefusalApiTest extends StatementScenario {

    private static final String PATH = "/v1/bank/statements";

    @Test
    void given_an_xml_external_entity_then_the_file_is_refused_and_nothing_is_recorded() {
        Institution school = newInstitution();
        Map<String, Integer> before = recorded();
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Document [
                  <!ENTITY secret SYSTEM "file:///etc/passwd">
                ]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
                  <BkToCstmrStmt><Stmt>
                    <Acct><Id><Othr><Id>%s</Id></Othr></Id></Acct>
                    <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%s</Dt></Dt></Bal>
                    <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%s</Dt></Dt></Bal>
                    <Ntry><Amt Ccy="CNY">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>%s</Dt></BookgDt>
                      <AcctSvcrRef>&secret;</AcctSvcrRef></Ntry>
                  </Stmt></BkToCstmrStmt>
                </Document>
                """.formatted(school.custodyAccountNo(), day, day, day);

        Http.Response refused = sendStatement(xxe, XML);

        assertRefused(refused, 400, "VALIDATION_FAILED");
        assertThat(refused.body().get("detail").asText()).contains("may not contain a DOCTYPE");
        assertThat(refused.body().get("errors").get(0).get("field").asText()).startsWith("line 2, column");
        assertThat(refused.body().toString()).doesNotContain("root:");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void given_billion_laughs_then_the_file_is_refused_at_once_and_nothing_is_recorded() {
        Map<String, Integer> before = recorded();
        StringBuilder laughs =
                new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE Document [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        laughs.append("]>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&lol9;</Document>\n");

        Http.Response refused = sendStatement(laughs.toString(), XML);

        assertRefused(refused, 400, "VALIDATION_FAILED");
        assertThat(refused.body().get("detail").asText()).contains("DOCTYPE");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void given_xml_that_is_not_well_formed_then_the_problem_names_the_line() {
        Institution school = newInstitution();
        Map<String, Integer> before = recorded();
        String broken = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
                  <BkToCstmrStmt><Stmt>
                    <Acct><Id><Othr><Id>%s</Id></Othr></Id></Acct>
                    <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">0.00</Amt>
                  </Stmt></BkToCstmrStmt>
                </Document>
                """.formatted(school.custodyAccountNo());

        Http.Response refused = sendStatement(broken, XML);

        assertRefused(refused, 400, "VALIDATION_FAILED");
        assertThat(refused.body().get("detail").asText())
                .startsWith("line 6, column")
                .contains("cannot be read as XML");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void given_an_amount_in_fractions_of_a_fen_or_another_currency_then_the_camt_file_is_refused() {
        Institution school = newInstitution();
        Map<String, Integer> before = recorded();
        String template = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt><Stmt>
                    <Acct><Id><Othr><Id>%s</Id></Othr></Id></Acct>
                    <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="%s">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%s</Dt></Dt></Bal>
                    <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%s</Dt></Dt></Bal>
                  </Stmt></BkToCstmrStmt>
                </Document>
                """;

        Http.Response fraction =
                sendStatement(template.formatted(school.custodyAccountNo(), "CNY", "12.345", day, day), XML);
        Http.Response dollars =
                sendStatement(template.formatted(school.custodyAccountNo(), "USD", "12.34", day, day), XML);

        assertRefused(fraction, 400, "VALIDATION_FAILED");
        assertThat(fraction.body().get("detail").asText())
                .isEqualTo("line 5: an amount has at most 2 decimals (whole fen): 12.345");
        assertRefused(dollars, 400, "VALIDATION_FAILED");
        assertThat(dollars.body().get("detail").asText()).contains("in CNY, not 'USD'");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void given_a_csv_row_the_ledger_cannot_read_then_the_problem_names_its_line_and_field() {
        Institution school = newInstitution();
        Map<String, Integer> before = recorded();
        String file = csv(school, 0, 100, "CRDT,-100," + id("TXN") + ",BOOK,false");

        Http.Response refused = sendStatement(file, CSV);

        assertRefused(refused, 400, "VALIDATION_FAILED");
        assertThat(refused.body().get("detail").asText())
                .isEqualTo("line 3, amountFen: an amount is a whole, non-negative number of fen");
        assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("line 3, amountFen");
        assertThat(recorded()).isEqualTo(before);

        Http.Response mixedAccounts = sendStatement(
                file.replace(CSV_HEADER + school.custodyAccountNo(), CSV_HEADER + newAccountNo())
                        .replace("-100", "100"),
                CSV);
        assertRefused(mixedAccounts, 400, "VALIDATION_FAILED");
        assertThat(mixedAccounts.body().get("detail").asText())
                .startsWith("line 3, custodyAccountNo: a statement is of one account");

        Http.Response noHeader = sendStatement(file.substring(CSV_HEADER.length()), CSV);
        assertRefused(noHeader, 400, "VALIDATION_FAILED");
        assertThat(noHeader.body().get("detail").asText()).startsWith("line 1:");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void given_a_statement_of_an_account_no_institution_holds_then_it_is_refused_and_nothing_is_recorded() {
        Institution school = newInstitution();
        Map<String, Integer> before = recorded();
        String file = csv(school, 0, 100, "CRDT,100," + id("TXN") + ",BOOK,false")
                .replace(school.custodyAccountNo(), "6222999900000001");

        Http.Response refused = sendStatement(file, CSV);

        assertRefused(refused, 422, "STATEMENT_ACCOUNT_UNKNOWN");
        assertThat(refused.body().get("detail").asText()).contains("6222999900000001");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void given_more_entries_than_a_statement_may_hold_then_it_is_refused_as_too_large() {
        Institution school = newInstitution();
        Map<String, Integer> before = recorded();
        String[] rows = new String[100_001];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = "CRDT,1,T" + i + ",BOOK,false";
        }

        Http.Response refused = sendStatement(csv(school, 0, 100_001, rows), CSV);

        assertRefused(refused, 413, "PAYLOAD_TOO_LARGE");
        assertThat(refused.body().get("detail").asText()).contains("at most 100000 entries");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void given_a_file_beyond_the_bank_call_body_limit_then_it_is_refused_unread() {
        Institution school = newInstitution();
        Map<String, Integer> before = recorded();
        String huge = csv(school, 0, 0) + "#".repeat(8 * 1024 * 1024);

        Http.Response refused = sendStatement(huge, CSV);

        assertRefused(refused, 413, "PAYLOAD_TOO_LARGE");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void given_another_content_type_or_an_empty_body_then_it_is_refused() {
        Institution school = newInstitution();
        Map<String, Integer> before = recorded();
        String file = csv(school, 0, 0);

        assertRefused(sendStatement(file, "application/json"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertRefused(sendStatement(file, "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertRefused(sendStatement("", CSV), 400, "VALIDATION_FAILED");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void given_an_unsigned_or_wrongly_signed_statement_then_it_is_unauthenticated_and_nothing_is_recorded() {
        Institution school = newInstitution();
        Map<String, Integer> before = recorded();
        String file = csv(school, 0, 0);
        BankSigner signer = new BankSigner(Tokens.BANK_HMAC_SECRET, clock);
        long now = clock.instant().getEpochSecond();

        Http.Response unsigned = http.postWithHeaders(PATH, Tokens.bank(), file, Map.of("Content-Type", CSV));
        Map<String, String> signedForAnotherBody =
                new java.util.HashMap<>(signer.headers(now, "POST", PATH, CSV, file + "\n"));
        signedForAnotherBody.put("Content-Type", CSV);
        Http.Response tampered = http.postWithHeaders(PATH, Tokens.bank(), file, signedForAnotherBody);

        assertRefused(unsigned, 401, "SIGNATURE_INVALID");
        assertRefused(tampered, 401, "SIGNATURE_INVALID");
        assertThat(recorded()).isEqualTo(before);
    }

    @Test
    void given_a_token_that_is_not_the_banks_then_sending_a_statement_is_forbidden() {
        Institution school = newInstitution();
        Map<String, Integer> before = recorded();
        String file = csv(school, 0, 0);

        assertRefused(http.postRaw(PATH, Tokens.regulator(), file, CSV), 403, "FORBIDDEN");
        assertRefused(http.postRaw(PATH, Tokens.institution(school.id()), file, CSV), 403, "FORBIDDEN");
        assertRefused(http.postRaw(PATH, Tokens.platform(), file, CSV), 403, "FORBIDDEN");
        assertRefused(http.postRaw(PATH, null, file, CSV), 401, "UNAUTHENTICATED");
        assertThat(recorded()).isEqualTo(before);
    }
}
