package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * camt.053 files as custody banks write them, not as the ledger would: a group header, statements
 * with their ids and sequence numbers, available and interim balances beside the booked ones, bank
 * transaction codes, a batch booked as one entry with its transactions under it, references in the
 * bank's own format, a fee and interest that carry the bank's proprietary codes and nothing the
 * ledger issued, and several statements in one file. Every statement gets a report; what the
 * ledger cannot match is a finding with what identifies it, and never a refusal of the file.
 */
class BankWrittenStatementApiTest extends StatementScenario {

    @Test
    void
            given_a_bank_file_of_two_statements_with_a_batch_a_fee_and_interest_when_sent_then_each_statement_gets_a_report()
                    throws Exception {
        Institution school = newInstitution();
        Institution other = newInstitution();
        OffsetDateTime at = dayStart.plusMinutes(5);
        String first = id("TXN");
        String second = id("TXN");
        String third = id("TXN");
        String paidOut = id("OUT");
        paidOrder(school, first, at);
        paidOrder(school, second, at.plusMinutes(1));
        paidOrder(other, third, at.plusMinutes(2));
        executedInstruction(school, paidOut, 30_000, at.plusMinutes(3));
        awaitLedger();
        String file = bankFile(school, other, first, second, third, paidOut);

        Http.Response sent = sendStatement(file, XML);

        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        JsonNode report = sent.body();
        assertThat(report.get("custodyAccountNo").asText()).isEqualTo(school.custodyAccountNo());
        assertThat(report.get("matched").asInt())
                .as("both receipts of the batch, and the transfer out")
                .isEqualTo(3);
        assertThat(report.get("amountMismatches")).isEmpty();
        assertThat(report.get("statementConsistent").asBoolean()).isTrue();
        List<JsonNode> unmatched = new ArrayList<>();
        report.get("missingInLedger").forEach(unmatched::add);
        assertThat(unmatched).hasSize(2);
        JsonNode fee = unmatched.get(0);
        assertThat(fee.get("kind").asText()).isEqualTo("DBIT");
        assertThat(fee.get("amountFen").asLong()).isEqualTo(500);
        assertThat(fee.has("bankRef")).as("the bank gave the fee no reference").isFalse();
        assertThat(fee.get("identifiedBy").asText())
                .contains("NtryRef 0004", "BkTxCd ACMT/MDOP/CHRG", "BkTxCd Prtry NTRF+805", "Account maintenance fee");
        JsonNode interest = unmatched.get(1);
        assertThat(interest.get("bankRef").asText()).isEqualTo("2026ICBC0305/INT/01");
        assertThat(interest.get("amountFen").asLong()).isEqualTo(12);
        assertThat(interest.get("identifiedBy").asText()).contains("NtryRef 0005", "BkTxCd Prtry NTRF+806");
        assertThat(report.get("reconciled").asBoolean())
                .as("the ledger holds neither the fee nor the interest")
                .isFalse();
        assertThat(report.get("otherStatementsOfTheFile")).hasSize(1);
        JsonNode otherSummary = report.get("otherStatementsOfTheFile").get(0);
        assertThat(otherSummary.get("custodyAccountNo").asText()).isEqualTo(other.custodyAccountNo());
        assertThat(otherSummary.get("matched").asInt()).isEqualTo(1);
        assertThat(otherSummary.get("reconciled").asBoolean()).isTrue();

        Http.Response again = sendStatement(file, XML);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body())
                .as("the same file answers with the reports it had")
                .isEqualTo(report);

        String otherId = otherSummary.get("statementId").asText();
        Http.Response asOther = http.get("/v1/reconciliations/" + otherId, Tokens.institution(other.id()));
        assertThat(asOther.status()).isEqualTo(200);
        assertThat(asOther.body().get("otherStatementsOfTheFile"))
                .as("another institution's report is not shown")
                .isEmpty();
        Http.Response asRegulator = http.get("/v1/reconciliations/" + otherId, Tokens.regulator());
        assertThat(asRegulator
                        .body()
                        .get("otherStatementsOfTheFile")
                        .get(0)
                        .get("statementId")
                        .asText())
                .isEqualTo(report.get("statementId").asText());
    }

    /**
     * A camt.053.001.08 file of two statements, the first of the school's account, the second of the
     * other's, written the way a custody bank writes them.
     */
    private String bankFile(
            Institution school, Institution other, String first, String second, String third, String paidOut) {
        String date = day.toString();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <BkToCstmrStmt>
                    <GrpHdr>
                      <MsgId>ICBC-CAMT053-%1$s-0001</MsgId>
                      <CreDtTm>%1$sT23:59:40+08:00</CreDtTm>
                      <MsgPgntn><PgNb>1</PgNb><LastPgInd>true</LastPgInd></MsgPgntn>
                    </GrpHdr>
                    <Stmt>
                      <Id>STMT-%1$s-001</Id>
                      <ElctrncSeqNb>64</ElctrncSeqNb>
                      <LglSeqNb>64</LglSeqNb>
                      <CreDtTm>%1$sT23:59:40+08:00</CreDtTm>
                      <FrToDt><FrDtTm>%1$sT00:00:00+08:00</FrDtTm><ToDtTm>%1$sT23:59:59+08:00</ToDtTm></FrToDt>
                      <Acct>
                        <Id><Othr><Id>%2$s</Id><SchmeNm><Prtry>BBAN</Prtry></SchmeNm></Othr></Id>
                        <Ccy>CNY</Ccy>
                        <Nm>Custody account</Nm>
                        <Svcr><FinInstnId><BICFI>ICBKCNBJXXX</BICFI></FinInstnId></Svcr>
                      </Acct>
                      <Bal>
                        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
                        <Amt Ccy="CNY">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%1$s</Dt></Dt>
                      </Bal>
                      <Bal>
                        <Tp><CdOrPrtry><Cd>ITBD</Cd></CdOrPrtry></Tp>
                        <Amt Ccy="CNY">3000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><DtTm>%1$sT12:00:00+08:00</DtTm></Dt>
                      </Bal>
                      <Bal>
                        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
                        <Amt Ccy="CNY">5695.12</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%1$s</Dt></Dt>
                      </Bal>
                      <Bal>
                        <Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp>
                        <Amt Ccy="CNY">5695.12</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%1$s</Dt></Dt>
                      </Bal>
                      <TxsSummry><TtlNtries><NbOfNtries>5</NbOfNtries></TtlNtries></TxsSummry>
                      <Ntry>
                        <NtryRef>0001</NtryRef>
                        <Amt Ccy="CNY">6000.00</Amt>
                        <CdtDbtInd>CRDT</CdtDbtInd>
                        <Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>%1$s</Dt></BookgDt>
                        <ValDt><Dt>%1$s</Dt></ValDt>
                        <AcctSvcrRef>2026ICBC0305/BATCH/77</AcctSvcrRef>
                        <BkTxCd>
                          <Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>BOOK</SubFmlyCd></Fmly></Domn>
                          <Prtry><Cd>NTRF+166</Cd><Issr>ICBC</Issr></Prtry>
                        </BkTxCd>
                        <NtryDtls>
                          <Btch><NbOfTxs>2</NbOfTxs><TtlAmt Ccy="CNY">6000.00</TtlAmt><CdtDbtInd>CRDT</CdtDbtInd></Btch>
                          <TxDtls>
                            <Refs><MsgId>PLATFORM-PAY-1</MsgId><AcctSvcrRef>%3$s</AcctSvcrRef>
                              <EndToEndId>NOTPROVIDED</EndToEndId><TxId>T-1</TxId></Refs>
                            <Amt Ccy="CNY">3000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
                            <AmtDtls><InstdAmt><Amt Ccy="CNY">3000.00</Amt></InstdAmt><TxAmt><Amt Ccy="CNY">3000.00</Amt></TxAmt></AmtDtls>
                            <RltdPties><Dbtr><Pty><Nm>Parent</Nm></Pty></Dbtr></RltdPties>
                            <RmtInf><Ustrd>order tuition</Ustrd></RmtInf>
                          </TxDtls>
                          <TxDtls>
                            <Refs><AcctSvcrRef>%4$s</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                            <Amt Ccy="CNY">3000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
                          </TxDtls>
                        </NtryDtls>
                      </Ntry>
                      <Ntry>
                        <NtryRef>0003</NtryRef>
                        <Amt Ccy="CNY">300.00</Amt>
                        <CdtDbtInd>DBIT</CdtDbtInd>
                        <Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><DtTm>%1$sT09:10:00+08:00</DtTm></BookgDt>
                        <ValDt><Dt>%1$s</Dt></ValDt>
                        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                        <NtryDtls><TxDtls><Refs><AcctSvcrRef>%5$s</AcctSvcrRef><EndToEndId>E2E-DSB</EndToEndId></Refs>
                        </TxDtls></NtryDtls>
                      </Ntry>
                      <Ntry>
                        <NtryRef>0004</NtryRef>
                        <Amt Ccy="CNY">5.00</Amt>
                        <CdtDbtInd>DBIT</CdtDbtInd>
                        <Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>%1$s</Dt></BookgDt>
                        <ValDt><Dt>%1$s</Dt></ValDt>
                        <BkTxCd>
                          <Domn><Cd>ACMT</Cd><Fmly><Cd>MDOP</Cd><SubFmlyCd>CHRG</SubFmlyCd></Fmly></Domn>
                          <Prtry><Cd>NTRF+805</Cd><Issr>ICBC</Issr></Prtry>
                        </BkTxCd>
                        <AddtlNtryInf>Account maintenance fee</AddtlNtryInf>
                      </Ntry>
                      <Ntry>
                        <NtryRef>0005</NtryRef>
                        <Amt Ccy="CNY">0.12</Amt>
                        <CdtDbtInd>CRDT</CdtDbtInd>
                        <Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>%1$s</Dt></BookgDt>
                        <AcctSvcrRef>2026ICBC0305/INT/01</AcctSvcrRef>
                        <BkTxCd><Prtry><Cd>NTRF+806</Cd><Issr>ICBC</Issr></Prtry></BkTxCd>
                        <AddtlNtryInf>Interest</AddtlNtryInf>
                      </Ntry>
                    </Stmt>
                    <Stmt>
                      <Id>STMT-%1$s-002</Id>
                      <ElctrncSeqNb>31</ElctrncSeqNb>
                      <CreDtTm>%1$sT23:59:40+08:00</CreDtTm>
                      <Acct><Id><Othr><Id>%6$s</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
                      <Bal>
                        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
                        <Amt Ccy="CNY">0</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%1$s</Dt></Dt>
                      </Bal>
                      <Bal>
                        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
                        <Amt Ccy="CNY">3000</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%1$s</Dt></Dt>
                      </Bal>
                      <Ntry>
                        <NtryRef>0001</NtryRef>
                        <Amt Ccy="CNY">3000.00</Amt>
                        <CdtDbtInd>CRDT</CdtDbtInd>
                        <Sts>BOOK</Sts>
                        <BookgDt><Dt>%1$s</Dt></BookgDt>
                        <NtryDtls><TxDtls><Refs><AcctSvcrRef>%7$s</AcctSvcrRef></Refs></TxDtls></NtryDtls>
                      </Ntry>
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(date, school.custodyAccountNo(), first, second, paidOut, other.custodyAccountNo(), third);
    }
}
