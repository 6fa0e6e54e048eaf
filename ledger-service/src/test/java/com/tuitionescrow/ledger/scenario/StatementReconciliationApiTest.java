package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.SimultaneousRequests;
import com.tuitionescrow.ledger.support.TestDatabase;
import com.tuitionescrow.ledger.support.Tokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Statements and reconciliation (docs/api.md): the custody bank sends its statement of a custody account,
 * and the ledger reports which booked entries it holds with the same amount, what is missing on
 * either side, which amounts differ, and whether the closing balances agree. Pending entries are
 * listed and never matched; a reversal cancels the entry it reverses.
 */
class StatementReconciliationApiTest extends StatementScenario {

    /**
     * A day's camt.053.001.02 statement as a custody bank sends it. Placeholders in braces are the
     * day and the bank transaction ids of this run.
     */
    private static final String MIXED_CAMT_053_001_02 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
                      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <BkToCstmrStmt>
                <GrpHdr>
                  <MsgId>CUSTODY-053-{DAY}-0001</MsgId>
                  <CreDtTm>{DAY}T23:50:00+08:00</CreDtTm>
                  <MsgPgntn><PgNb>1</PgNb><LastPgInd>true</LastPgInd></MsgPgntn>
                </GrpHdr>
                <Stmt>
                  <Id>STMT-{ACCOUNT}-{DAY}</Id>
                  <ElctrncSeqNb>61</ElctrncSeqNb>
                  <CreDtTm>{DAY}T23:50:00+08:00</CreDtTm>
                  <Acct>
                    <Id><Othr><Id>{ACCOUNT}</Id></Othr></Id>
                    <Ccy>CNY</Ccy>
                    <Svcr><FinInstnId><BIC>BKCHCNBJ110</BIC></FinInstnId></Svcr>
                  </Acct>
                  <Bal>
                    <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
                    <Amt Ccy="CNY">100.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Dt><Dt>{DAY}</Dt></Dt>
                  </Bal>
                  <Bal>
                    <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
                    <Amt Ccy="CNY">3511.46</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Dt><Dt>{DAY}</Dt></Dt>
                  </Bal>
                  <Bal>
                    <Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp>
                    <Amt Ccy="CNY">3511.46</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Dt><Dt>{DAY}</Dt></Dt>
                  </Bal>
                  <TxsSummry>
                    <TtlNtries><NbOfNtries>10</NbOfNtries></TtlNtries>
                    <TtlCdtNtries><NbOfNtries>7</NbOfNtries><Sum>3627.46</Sum></TtlCdtNtries>
                    <TtlDbtNtries><NbOfNtries>3</NbOfNtries><Sum>550.00</Sum></TtlDbtNtries>
                  </TxsSummry>
                  <Ntry>
                    <NtryRef>1</NtryRef>
                    <Amt Ccy="CNY">3000.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{DAY}</Dt></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls>
                      <Refs><AcctSvcrRef>{PAID}</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                      <RmtInf><Ustrd>tuition, course piano-101</Ustrd></RmtInf>
                    </TxDtls></NtryDtls>
                  </Ntry>
                  <Ntry>
                    <NtryRef>2</NtryRef>
                    <Amt Ccy="CNY">123.45</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{DAY}</Dt></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls><Refs><AcctSvcrRef>{SUSPENSE}</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                  </Ntry>
                  <Ntry>
                    <NtryRef>3</NtryRef>
                    <Amt Ccy="CNY">500.01</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{DAY}</Dt></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls><Refs><AcctSvcrRef>{MISMATCHED}</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                  </Ntry>
                  <Ntry>
                    <NtryRef>4</NtryRef>
                    <Amt Ccy="CNY">88.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{DAY}</Dt></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls><Refs><AcctSvcrRef>{UNKNOWN_TO_LEDGER}</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                  </Ntry>
                  <Ntry>
                    <NtryRef>5</NtryRef>
                    <Amt Ccy="CNY">100.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{DAY}</Dt></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls><Refs><AcctSvcrRef>{REVERSED}</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                  </Ntry>
                  <Ntry>
                    <NtryRef>6</NtryRef>
                    <Amt Ccy="CNY">100.00</Amt>
                    <CdtDbtInd>DBIT</CdtDbtInd>
                    <RvslInd>true</RvslInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{DAY}</Dt></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>RRTN</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls><Refs><AcctSvcrRef>{REVERSED}</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                  </Ntry>
                  <Ntry>
                    <NtryRef>7</NtryRef>
                    <Amt Ccy="CNY">150.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{DAY}</Dt></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls><Refs><AcctSvcrRef>{REVERSED_BUT_HELD}</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                  </Ntry>
                  <Ntry>
                    <NtryRef>8</NtryRef>
                    <Amt Ccy="CNY">150.00</Amt>
                    <CdtDbtInd>DBIT</CdtDbtInd>
                    <RvslInd>true</RvslInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{DAY}</Dt></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>RRTN</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls><Refs><AcctSvcrRef>{REVERSED_BUT_HELD}</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                  </Ntry>
                  <Ntry>
                    <NtryRef>9</NtryRef>
                    <Amt Ccy="CNY">300.00</Amt>
                    <CdtDbtInd>DBIT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>{DAY}</Dt></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <AcctSvcrRef>{DISBURSED}</AcctSvcrRef>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls>
                      <Refs><EndToEndId>instr-disbursement</EndToEndId></Refs>
                      <RmtInf><Ustrd>staged disbursement</Ustrd></RmtInf>
                    </TxDtls></NtryDtls>
                  </Ntry>
                  <Ntry>
                    <NtryRef>10</NtryRef>
                    <Amt Ccy="CNY">66.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>PDNG</Sts>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls><Refs><AcctSvcrRef>{PENDING}</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                  </Ntry>
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """;

    /** The same kind of statement in camt.053.001.08: the status in a code, times with offsets, the period stated. */
    private static final String CLEAN_CAMT_053_001_08 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>CUSTODY-053-{DAY}-0002</MsgId><CreDtTm>{DAY}T23:55:00+08:00</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>STMT-{ACCOUNT}-{DAY}</Id>
                  <CreDtTm>{DAY}T23:55:00+08:00</CreDtTm>
                  <FrToDt><FrDtTm>{DAY}T00:00:00+08:00</FrDtTm><ToDtTm>{DAY}T23:59:59+08:00</ToDtTm></FrToDt>
                  <Acct><Id><Othr><Id>{ACCOUNT}</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
                  <Bal>
                    <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
                    <Amt Ccy="CNY">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{DAY}</Dt></Dt>
                  </Bal>
                  <Bal>
                    <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
                    <Amt Ccy="CNY">3043.21</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{DAY}</Dt></Dt>
                  </Bal>
                  <Ntry>
                    <NtryRef>1</NtryRef>
                    <Amt Ccy="CNY">3000.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <RvslInd>false</RvslInd>
                    <Sts><Cd>BOOK</Cd></Sts>
                    <BookgDt><DtTm>{DAY}T00:00:01+08:00</DtTm></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <AcctSvcrRef>{PAID}</AcctSvcrRef>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                  </Ntry>
                  <Ntry>
                    <NtryRef>2</NtryRef>
                    <Amt Ccy="CNY">43.21</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <RvslInd>false</RvslInd>
                    <Sts><Cd>BOOK</Cd></Sts>
                    <BookgDt><DtTm>{DAY}T00:00:02+08:00</DtTm></BookgDt>
                    <ValDt><Dt>{DAY}</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls><Refs><AcctSvcrRef>{SUSPENSE}</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                  </Ntry>
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """;

    @Test
    void
            given_a_day_of_collections_and_disbursements_when_the_bank_sends_its_camt_053_then_the_report_names_every_difference() {
        Institution school = newInstitution();
        Map<String, String> ref = refs(
                "PAID",
                "SUSPENSE",
                "MISMATCHED",
                "NOT_IN_STATEMENT",
                "UNKNOWN_TO_LEDGER",
                "REVERSED",
                "REVERSED_BUT_HELD",
                "DISBURSED",
                "DISBURSED_NOT_IN_STATEMENT",
                "PENDING",
                "YESTERDAY");
        // The ledger's side of the day, each fact a few seconds into it; one from the day before.
        suspenseReceipt(school, ref.get("YESTERDAY"), 10_000, dayStart.minusHours(12));
        paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));
        suspenseReceipt(school, ref.get("SUSPENSE"), 12_345, dayStart.plusSeconds(2));
        suspenseReceipt(school, ref.get("MISMATCHED"), 50_000, dayStart.plusSeconds(3));
        suspenseReceipt(school, ref.get("NOT_IN_STATEMENT"), 20_000, dayStart.plusSeconds(4));
        suspenseReceipt(school, ref.get("REVERSED_BUT_HELD"), 15_000, dayStart.plusSeconds(5));
        executedInstruction(school, ref.get("DISBURSED"), 30_000, dayStart.plusSeconds(6));
        executedInstruction(school, ref.get("DISBURSED_NOT_IN_STATEMENT"), 7_000, dayStart.plusSeconds(7));
        awaitLedger();

        Http.Response report = sendStatement(fill(MIXED_CAMT_053_001_02, school, ref), XML);

        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        JsonNode body = report.body();
        assertThat(body.get("statementId").asText()).matches("stmt-[0-9a-f-]{36}");
        assertThat(body.get("institutionId").asText()).isEqualTo(school.id());
        assertThat(body.get("custodyAccountNo").asText()).isEqualTo(school.custodyAccountNo());
        assertThat(body.get("fromDate").asText()).isEqualTo(day.toString());
        assertThat(body.get("toDate").asText()).isEqualTo(day.toString());
        // Matched: the paid order, the receipt held in suspense, the executed disbursement.
        assertThat(body.get("matched").asInt()).isEqualTo(3);
        assertThat(entries(body.get("missingInLedger")))
                .containsExactly(ref.get("UNKNOWN_TO_LEDGER") + " CRDT 8800 " + day + " false");
        assertThat(facts(body.get("missingInBank")))
                .containsExactly(
                        ref.get("NOT_IN_STATEMENT") + " CRDT 20000 "
                                + dayStart.plusSeconds(4).toInstant(),
                        // The bank took this one back; the ledger still holds it.
                        ref.get("REVERSED_BUT_HELD") + " CRDT 15000 "
                                + dayStart.plusSeconds(5).toInstant(),
                        ref.get("DISBURSED_NOT_IN_STATEMENT") + " DBIT 7000 "
                                + dayStart.plusSeconds(7).toInstant());
        assertThat(body.get("amountMismatches")).hasSize(1);
        assertThat(body.get("amountMismatches").get(0).toString())
                .isEqualTo("{\"bankRef\":\"" + ref.get("MISMATCHED")
                        + "\",\"kind\":\"CRDT\",\"bankFen\":50001,\"ledgerFen\":50000}");
        assertThat(entries(body.get("pending"))).containsExactly(ref.get("PENDING") + " CRDT 6600 " + day + " false");
        assertThat(body.get("reversed").toString())
                .isEqualTo("[{\"bankRef\":\"" + ref.get("REVERSED")
                        + "\",\"kind\":\"CRDT\",\"amountFen\":10000},{\"bankRef\":\"" + ref.get("REVERSED_BUT_HELD")
                        + "\",\"kind\":\"CRDT\",\"amountFen\":15000}]");
        assertThat(body.get("bankOpeningFen").asLong()).isEqualTo(10_000);
        // 100.00 + 3000.00 + 123.45 + 500.01 + 88.00 + 100.00 - 100.00 + 150.00 - 150.00 - 300.00; PDNG not counted.
        assertThat(body.get("bankClosingFen").asLong()).isEqualTo(351_146);
        assertThat(body.get("statementConsistent").asBoolean()).isTrue();
        // Every receipt up to the end of the day, the one of the day before included; the directly
        // inserted instructions have no journal entry.
        assertThat(body.get("ledgerClosingFen").asLong())
                .isEqualTo(10_000 + 300_000 + 12_345 + 50_000 + 20_000 + 15_000);
        assertThat(body.get("reconciled").asBoolean()).isFalse();

        Http.Response kept =
                http.get("/v1/reconciliations/" + body.get("statementId").asText(), Tokens.regulator());
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        assertThat(kept.body()).isEqualTo(body);
    }

    @Test
    void given_a_day_the_ledger_recorded_exactly_when_the_bank_sends_its_camt_053_001_08_then_it_reconciles() {
        Institution school = newInstitution();
        Map<String, String> ref = refs("PAID", "SUSPENSE");
        paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));
        suspenseReceipt(school, ref.get("SUSPENSE"), 4_321, dayStart.plusSeconds(2));
        awaitLedger();

        Http.Response report = sendStatement(fill(CLEAN_CAMT_053_001_08, school, ref), XML);

        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        JsonNode body = report.body();
        assertThat(body.get("matched").asInt()).isEqualTo(2);
        assertThat(body.get("missingInLedger")).isEmpty();
        assertThat(body.get("missingInBank")).isEmpty();
        assertThat(body.get("amountMismatches")).isEmpty();
        assertThat(body.get("pending")).isEmpty();
        assertThat(body.get("reversed")).isEmpty();
        assertThat(body.get("bankClosingFen").asLong()).isEqualTo(304_321);
        assertThat(body.get("ledgerClosingFen").asLong()).isEqualTo(304_321);
        assertThat(body.get("statementConsistent").asBoolean()).isTrue();
        assertThat(body.get("reconciled").asBoolean()).isTrue();
    }

    @Test
    void given_a_release_the_bank_executed_when_its_statement_shows_the_debit_then_the_books_and_the_bank_agree() {
        Institution school = newInstitution();
        Map<String, String> ref = refs("PAID", "RELEASED");
        String orderId = paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));
        String lessonId = id("lesson");
        assertThat(reportLesson(school, orderId, lesson(lessonId, 2)).status()).isEqualTo(201);
        assertThat(http.post(
                                "/v1/lessons/" + lessonId + "/confirmation",
                                Tokens.platform(),
                                Map.of("decision", "CONFIRM"))
                        .status())
                .isEqualTo(200);
        Http.Response run = http.post("/v1/disbursements/run", Tokens.regulator(), Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        String instructionId = null;
        for (JsonNode instruction : run.body().get("instructions")) {
            if (instruction.get("institutionId").asText().equals(school.id())) {
                instructionId = instruction.get("instructionId").asText();
            }
        }
        assertThat(instructionId).as(run.toString()).isNotNull();
        Http.Response executed = http.post(
                "/v1/bank/instructions/" + instructionId + "/result",
                Tokens.bank(),
                Map.of(
                        "outcome",
                        "EXECUTED",
                        "bankTxnId",
                        ref.get("RELEASED"),
                        "executedAt",
                        dayStart.plusSeconds(2).toString()));
        assertThat(executed.status()).as(executed.toString()).isEqualTo(200);
        awaitLedger();

        Http.Response report = sendStatement(
                csv(
                        school,
                        0,
                        270_000,
                        "CRDT,300000," + ref.get("PAID") + ",BOOK,false",
                        "DBIT,30000," + ref.get("RELEASED") + ",BOOK,false"),
                CSV);

        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        assertThat(report.body().get("matched").asInt()).isEqualTo(2);
        // The executed release left custody in the books at the bank's time, as it did at the bank.
        assertThat(report.body().get("ledgerClosingFen").asLong()).isEqualTo(270_000);
        assertThat(report.body().get("reconciled").asBoolean())
                .as(report.toString())
                .isTrue();
    }

    @Test
    void given_the_same_day_in_the_bank_csv_then_the_report_names_the_same_kinds_of_difference() {
        Institution school = newInstitution();
        Map<String, String> ref =
                refs("PAID", "MISMATCHED", "NOT_IN_STATEMENT", "UNKNOWN_TO_LEDGER", "REVERSED", "PENDING", "DISBURSED");
        paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));
        suspenseReceipt(school, ref.get("MISMATCHED"), 1_000, dayStart.plusSeconds(2));
        suspenseReceipt(school, ref.get("NOT_IN_STATEMENT"), 3_000, dayStart.plusSeconds(3));
        executedInstruction(school, ref.get("DISBURSED"), 2_000, dayStart.plusSeconds(4));
        awaitLedger();

        Http.Response report = sendStatement(
                csv(
                        school,
                        0,
                        299_501,
                        "CRDT,300000," + ref.get("PAID") + ",BOOK,false",
                        "CRDT,1001," + ref.get("MISMATCHED") + ",BOOK,false",
                        "CRDT,500," + ref.get("UNKNOWN_TO_LEDGER") + ",BOOK,false",
                        "CRDT,700," + ref.get("REVERSED") + ",BOOK,false",
                        "DBIT,700," + ref.get("REVERSED") + ",BOOK,true",
                        "DBIT,2000," + ref.get("DISBURSED") + ",BOOK,false",
                        "CRDT,900," + ref.get("PENDING") + ",PDNG,false"),
                CSV);

        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        JsonNode body = report.body();
        assertThat(body.get("matched").asInt()).isEqualTo(2);
        assertThat(entries(body.get("missingInLedger")))
                .containsExactly(ref.get("UNKNOWN_TO_LEDGER") + " CRDT 500 " + day + " false");
        assertThat(facts(body.get("missingInBank")))
                .containsExactly(ref.get("NOT_IN_STATEMENT") + " CRDT 3000 "
                        + dayStart.plusSeconds(3).toInstant());
        assertThat(body.get("amountMismatches").get(0).get("bankRef").asText()).isEqualTo(ref.get("MISMATCHED"));
        assertThat(body.get("amountMismatches").get(0).get("bankFen").asLong()).isEqualTo(1_001);
        assertThat(body.get("amountMismatches").get(0).get("ledgerFen").asLong())
                .isEqualTo(1_000);
        assertThat(entries(body.get("pending"))).containsExactly(ref.get("PENDING") + " CRDT 900 " + day + " false");
        assertThat(body.get("reversed").get(0).get("bankRef").asText()).isEqualTo(ref.get("REVERSED"));
        assertThat(body.get("bankClosingFen").asLong()).isEqualTo(299_501);
        assertThat(body.get("ledgerClosingFen").asLong()).isEqualTo(304_000);
        assertThat(body.get("statementConsistent").asBoolean()).isTrue();
        assertThat(body.get("reconciled").asBoolean()).isFalse();
    }

    @Test
    void given_a_day_the_ledger_recorded_exactly_when_the_bank_sends_its_csv_then_it_reconciles() {
        Institution school = newInstitution();
        Map<String, String> ref = refs("PAID", "SUSPENSE");
        paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));
        suspenseReceipt(school, ref.get("SUSPENSE"), 99, dayStart.plusSeconds(2));
        awaitLedger();

        Http.Response report = sendStatement(
                csv(
                        school,
                        0,
                        300_099,
                        "CRDT,300000," + ref.get("PAID") + ",BOOK,false",
                        "CRDT,99," + ref.get("SUSPENSE") + ",BOOK,false"),
                CSV);

        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        assertThat(report.body().get("matched").asInt()).isEqualTo(2);
        assertThat(report.body().get("ledgerClosingFen").asLong()).isEqualTo(300_099);
        assertThat(report.body().get("bankClosingFen").asLong()).isEqualTo(300_099);
        assertThat(report.body().get("reconciled").asBoolean()).isTrue();
    }

    @Test
    void given_a_statement_sent_the_moment_after_the_last_receipt_then_the_ledger_closing_includes_that_receipt() {
        Institution school = newInstitution();
        Map<String, String> ref = refs("PAID");
        paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));
        // No wait for the journal here: the ledger waits for itself before it reads the closing balance.

        Http.Response report =
                sendStatement(csv(school, 0, 300_000, "CRDT,300000," + ref.get("PAID") + ",BOOK,false"), CSV);

        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        assertThat(report.body().get("ledgerClosingFen").asLong()).isEqualTo(300_000);
        assertThat(report.body().get("reconciled").asBoolean()).isTrue();
    }

    /**
     * A collection whose transaction took its global index and then stayed open while a later receipt
     * committed: the journal holds the later one only once the hole below it is filled, so a statement
     * sent meanwhile must wait for it, and not report as missing money the ledger is still recording.
     */
    @Test
    void
            given_a_collection_that_commits_after_a_later_receipt_when_the_statement_arrives_in_between_then_it_waits_and_reconciles()
                    throws Exception {
        reconcileWhileACollectionIsOpen(true);
    }

    /** The same with nothing committed after the open collection: no hole shows it, its open transaction does. */
    @Test
    void given_a_collection_still_committing_when_the_statement_arrives_then_it_waits_and_reconciles()
            throws Exception {
        reconcileWhileACollectionIsOpen(false);
    }

    /**
     * A session that only reads, its transaction open for the whole call (a backup taken with pg_dump,
     * an analyst's psql): it can record nothing, so a statement does not wait for it.
     */
    @Test
    void given_a_long_read_only_transaction_open_when_the_statement_arrives_then_it_is_reconciled_at_once()
            throws Exception {
        Institution school = newInstitution();
        Map<String, String> ref = refs("PAID");
        paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));

        TestDatabase.Connection target = TestDatabase.get();
        try (Connection backup = DriverManager.getConnection(target.url(), target.user(), target.password())) {
            backup.setAutoCommit(false);
            backup.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            backup.setReadOnly(true);
            try (var read = backup.createStatement()) {
                read.executeQuery("select count(*) from domainevententry").close();
            }

            long started = System.nanoTime();
            Http.Response report =
                    sendStatement(csv(school, 0, 300_000, "CRDT,300000," + ref.get("PAID") + ",BOOK,false"), CSV);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(report.status()).as(report.toString()).isEqualTo(201);
            assertThat(report.body().get("reconciled").asBoolean()).isTrue();
            assertThat(took).as("waited for a session that can record nothing").isLessThan(Duration.ofSeconds(3));
            backup.rollback();
        }
    }

    private void reconcileWhileACollectionIsOpen(boolean laterReceipt) throws Exception {
        Institution school = newInstitution();
        Map<String, String> ref = refs("PAID", "HELD", "LATER");
        paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));
        String heldOrder = id("order");
        Http.Response placed = placeOrder(heldOrder, school, id("stu"), course("piano", 15_000, 20));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        awaitLedger();

        TestDatabase.Connection target = TestDatabase.get();
        try (Connection orderLock = DriverManager.getConnection(target.url(), target.user(), target.password())) {
            long lockHolder = lockOrderRow(orderLock, heldOrder);
            // The order's row is locked: the collection appends its event (taking its global index), then waits
            // to mark the order paid, its transaction open.
            CompletableFuture<Http.Response> held = CompletableFuture.supplyAsync(
                    () -> receive(school, ref.get("HELD"), heldOrder, 300_000, dayStart.plusSeconds(2)));
            awaitBlockedBy(lockHolder);
            if (laterReceipt) {
                suspenseReceipt(school, ref.get("LATER"), 4_321, dayStart.plusSeconds(3));
            }
            long laterFen = laterReceipt ? 4_321 : 0;
            List<String> rows = new ArrayList<>(List.of(
                    "CRDT,300000," + ref.get("PAID") + ",BOOK,false",
                    "CRDT,300000," + ref.get("HELD") + ",BOOK,false"));
            if (laterReceipt) {
                rows.add("CRDT,4321," + ref.get("LATER") + ",BOOK,false");
            }
            CompletableFuture<Http.Response> statement = CompletableFuture.supplyAsync(
                    () -> sendStatement(csv(school, 0, 600_000 + laterFen, rows.toArray(String[]::new)), CSV));
            Thread.sleep(1_000);
            boolean answeredWhileOpen = statement.isDone();
            orderLock.commit();

            Http.Response collected = held.get(10, TimeUnit.SECONDS);
            assertThat(collected.body().path("status").asText())
                    .as(collected.toString())
                    .isEqualTo("APPLIED");
            Http.Response report = statement.get(10, TimeUnit.SECONDS);
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
            JsonNode body = report.body();
            assertThat(entries(body.get("missingInLedger")))
                    .as("missing in the ledger")
                    .isEmpty();
            assertThat(body.get("matched").asInt()).as(report.toString()).isEqualTo(rows.size());
            assertThat(body.get("ledgerClosingFen").asLong())
                    .as(report.toString())
                    .isEqualTo(600_000 + laterFen);
            assertThat(body.get("reconciled").asBoolean()).as(report.toString()).isTrue();
            assertThat(answeredWhileOpen)
                    .as("answered while the collection's transaction was open")
                    .isFalse();
            if (laterReceipt) {
                assertThat(globalIndexOf(ref.get("HELD")))
                        .as("the collection took its index before the later receipt and committed after it")
                        .isLessThan(globalIndexOf(ref.get("LATER")));
            }
        }
    }

    @Test
    void
            given_a_statement_whose_entries_do_not_add_up_to_its_closing_balance_then_it_is_inconsistent_and_not_reconciled() {
        Institution school = newInstitution();
        Map<String, String> ref = refs("PAID");
        paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));
        awaitLedger();

        Http.Response report = sendStatement(
                csv(
                        school,
                        0,
                        300_000,
                        "CRDT,300000," + ref.get("PAID") + ",BOOK,false",
                        "DBIT,5," + id("FEE") + ",BOOK,false"),
                CSV);

        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        assertThat(report.body().get("statementConsistent").asBoolean()).isFalse();
        assertThat(report.body().get("ledgerClosingFen").asLong())
                .isEqualTo(report.body().get("bankClosingFen").asLong());
        assertThat(report.body().get("reconciled").asBoolean()).isFalse();
    }

    @Test
    void given_a_statement_already_reconciled_when_the_bank_sends_the_same_file_again_then_it_gets_the_first_report() {
        Institution school = newInstitution();
        Map<String, String> ref = refs("PAID");
        paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));
        awaitLedger();
        String file = csv(school, 0, 300_000, "CRDT,300000," + ref.get("PAID") + ",BOOK,false");
        Http.Response first = sendStatement(file, CSV);
        assertThat(first.body().get("reconciled").asBoolean())
                .as(first.toString())
                .isTrue();

        // The ledger moves on: the same file still answers as it did the first time.
        suspenseReceipt(school, id("LATER"), 1_000, dayStart.plusSeconds(2));
        awaitLedger();
        Map<String, Integer> before = recorded();
        Http.Response again = sendStatement(file, CSV);

        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(recorded()).isEqualTo(before);
        assertThat(db.fetchCount(
                        DSL.table(DSL.name("reconciliation")),
                        DSL.field(DSL.name("institution_id")).eq(school.id())))
                .isEqualTo(1);

        Http.Response changed = sendStatement(file.replace(",300000,", ",300001,"), CSV);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(201);
        assertThat(changed.body().get("statementId").asText())
                .isNotEqualTo(first.body().get("statementId").asText());
    }

    @Test
    void given_the_same_file_sent_several_times_at_once_then_it_is_reconciled_once_and_every_answer_is_the_first()
            throws Exception {
        Institution school = newInstitution();
        Map<String, String> ref = refs("PAID");
        paidOrder(school, ref.get("PAID"), dayStart.plusSeconds(1));
        awaitLedger();
        String file = csv(school, 0, 300_000, "CRDT,300000," + ref.get("PAID") + ",BOOK,false");

        List<Http.Response> answers = SimultaneousRequests.send(6, () -> sendStatement(file, CSV));

        assertThat(answers)
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(201));
        assertThat(answers)
                .extracting(Http.Response::body)
                .containsOnly(answers.get(0).body());
        assertThat(db.fetchCount(
                        DSL.table(DSL.name("reconciliation")),
                        DSL.field(DSL.name("institution_id")).eq(school.id())))
                .isEqualTo(1);
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The global index of the stored event that recorded this bank transaction. */
    private long globalIndexOf(String bankTxnId) {
        return db.resultQuery(
                        "select min(globalindex) from domainevententry where convert_from(payload, 'UTF8') like ?",
                        "%\"" + bankTxnId + "\"%")
                .fetchSingle(0, Long.class);
    }

    /** Bank transaction ids unique to this run, by the role they play. */
    private static Map<String, String> refs(String... roles) {
        Map<String, String> refs = new java.util.LinkedHashMap<>();
        for (String role : roles) {
            refs.put(role, id("TXN-" + role.replace('_', '-')));
        }
        return refs;
    }

    private String fill(String template, Institution institution, Map<String, String> refs) {
        String file = template.replace("{DAY}", day.toString()).replace("{ACCOUNT}", institution.custodyAccountNo());
        for (Map.Entry<String, String> ref : refs.entrySet()) {
            file = file.replace("{" + ref.getKey() + "}", ref.getValue());
        }
        assertThat(file).doesNotContain("{");
        return file;
    }

    private static List<String> entries(JsonNode entries) {
        List<String> lines = new ArrayList<>();
        entries.forEach(e -> lines.add(e.get("bankRef").asText() + " "
                + e.get("kind").asText() + " " + e.get("amountFen").asLong() + " "
                + e.get("bookingDate").asText() + " " + e.get("reversal").asBoolean()));
        return lines;
    }

    private static List<String> facts(JsonNode facts) {
        List<String> lines = new ArrayList<>();
        facts.forEach(f -> lines.add(f.get("bankRef").asText() + " "
                + f.get("kind").asText() + " " + f.get("amountFen").asLong() + " "
                + OffsetDateTime.parse(f.get("occurredAt").asText()).toInstant()));
        return lines;
    }
}
