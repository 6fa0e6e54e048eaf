package com.tuitionescrow.ledger.release;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.api.institution.WindDownRequest;
import com.tuitionescrow.ledger.api.institution.WindDownResponse;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.RefundForWindDown;
import com.tuitionescrow.ledger.enrollment.OrderQueries;
import com.tuitionescrow.ledger.enrollment.WindDownRefunds;
import com.tuitionescrow.ledger.institution.InstitutionCommands.WindDownInstitution;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.journal.JournalFreshness;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.job.LongOperations;
import com.tuitionescrow.ledger.platform.job.LongOperations.Progress;
import com.tuitionescrow.ledger.platform.job.LongOperations.Status;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.NotFound;
import com.tuitionescrow.ledger.reconciliation.BankBalances;
import com.tuitionescrow.ledger.reconciliation.BankBalances.LatestStatement;
import com.tuitionescrow.ledger.settlement.LedgerQueries;
import com.tuitionescrow.ledger.settlement.LedgerQueries.Totals;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * 机构关停: a regulator stops an institution. Its status becomes WINDING_DOWN at once, which freezes
 * its releases and refuses its sales and lessons; then every student's unconsumed fees are
 * instructed back, one student account per transaction, in the background ({@link LongOperations}):
 * an institution may have thousands of students. Winding down again finishes what a stopped one
 * left and otherwise changes nothing.
 *
 * <p>The shortfall is judged by the custody bank's latest statement (see {@link BankBalances}), or by
 * the ledger's custody cash before the bank's first. The figures it is judged by are read before
 * anything is recorded: waiting for the journal may fail (503), and must then leave everything as
 * it was.
 */
@Service
class WindDownService {

    static final String KIND = "WIND_DOWN";
    /** Student accounts read at a time. */
    static final int ACCOUNTS_PER_PAGE = 500;

    /** What a wind-down has done so far, with the figures it was judged by. */
    record WindDownProgress(
            String institutionId,
            long unconsumedFen,
            long custodyFen,
            Long bankClosingFen,
            LocalDate bankBalanceAsOf,
            long riskReserveFen,
            long shortfallFen,
            int refundsInstructed,
            long refundedFen) {

        WindDownProgress plus(WindDownRefunds instructed) {
            return new WindDownProgress(
                    institutionId,
                    unconsumedFen,
                    custodyFen,
                    bankClosingFen,
                    bankBalanceAsOf,
                    riskReserveFen,
                    shortfallFen,
                    refundsInstructed + instructed.count(),
                    Fen.plus(refundedFen, instructed.amountFen()));
        }
    }

    private final CommandTransactions commands;
    private final InstitutionDirectory institutions;
    private final OrderQueries orders;
    private final LedgerQueries ledger;
    private final JournalFreshness journal;
    private final BankBalances bank;
    private final LongOperations operations;
    private final Clock clock;

    WindDownService(
            CommandTransactions commands,
            InstitutionDirectory institutions,
            OrderQueries orders,
            LedgerQueries ledger,
            JournalFreshness journal,
            BankBalances bank,
            LongOperations operations,
            Clock clock) {
        this.commands = commands;
        this.institutions = institutions;
        this.orders = orders;
        this.ledger = ledger;
        this.journal = journal;
        this.bank = bank;
        this.operations = operations;
        this.clock = clock;
    }

    /** Freezes the institution and starts its refunds, or finds them under way; returns the operation's id. */
    String start(String institutionId, WindDownRequest request, Caller caller) {
        InstitutionResponse institution =
                institutions.find(institutionId).orElseThrow(() -> new NotFound("institution " + institutionId));
        Instant now = clock.instant();
        long unconsumed = orders.unconsumedFenOf(institutionId);
        // The shortfall compares with the custody balance, read from the journal: it must be current.
        journal.awaitCurrent();
        Totals custody = ledger.account(AccountCode.of(AccountType.CUSTODY_CASH, institutionId), null)
                .orElse(Totals.ZERO);
        long custodyFen = AccountType.CUSTODY_CASH.normalSide().balance(custody.debitFen(), custody.creditFen());
        long reserve = institution.riskReserveFen() == null ? 0 : institution.riskReserveFen();
        // The ledger's custody always equals what it owes; the bank's closing balance is what is really there.
        Optional<LatestStatement> statement = bank.latestOf(institutionId);
        long heldFen = statement.map(LatestStatement::bankClosingFen).orElse(custodyFen);
        long shortfall = Math.max(0, Fen.minus(Fen.minus(unconsumed, heldFen), reserve));
        commands.inTransaction(
                () -> commands.send(new WindDownInstitution(institutionId, request.reason(), now), caller));
        WindDownProgress judged = new WindDownProgress(
                institutionId,
                unconsumed,
                custodyFen,
                statement.map(LatestStatement::bankClosingFen).orElse(null),
                statement.map(LatestStatement::toDate).orElse(null),
                reserve,
                shortfall,
                0,
                0);
        return operations.start(
                KIND,
                institutionId,
                caller,
                judged,
                progress -> refundEveryStudent(institution, judged, now, caller, progress));
    }

    /** How the wind-down stands once its refunds are all instructed, or after {@code wait} if they are not. */
    WindDownResponse await(String operationId, Duration wait) {
        return response(operations.await(operationId, wait, WindDownProgress.class));
    }

    /** The institution's latest wind-down. */
    WindDownResponse latest(String institutionId) {
        return operations
                .latest(KIND, institutionId, WindDownProgress.class)
                .map(this::response)
                .orElseThrow(() -> new NotFound("wind-down of institution " + institutionId));
    }

    private WindDownProgress refundEveryStudent(
            InstitutionResponse institution,
            WindDownProgress judged,
            Instant now,
            Caller caller,
            Progress<WindDownProgress> progress) {
        WindDownProgress done = judged;
        String after = null;
        List<String> page;
        do {
            progress.checkNotStopping();
            page = orders.accountsOf(institution.institutionId(), after, ACCOUNTS_PER_PAGE);
            for (String account : page) {
                WindDownRefunds instructed = commands.inTransaction(() ->
                        commands.send(new RefundForWindDown(account, institution.custodyAccountNo(), now), caller));
                done = done.plus(instructed);
                progress.report(done);
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        } while (page.size() == ACCOUNTS_PER_PAGE);
        return done;
    }

    private WindDownResponse response(Status<WindDownProgress> status) {
        WindDownProgress done = status.progress();
        InstitutionResponse institution =
                institutions.find(done.institutionId()).orElseThrow();
        return new WindDownResponse(
                done.institutionId(),
                institution.status(),
                done.refundsInstructed(),
                done.refundedFen(),
                done.unconsumedFen(),
                done.custodyFen(),
                done.bankClosingFen(),
                done.bankBalanceAsOf(),
                done.riskReserveFen(),
                done.shortfallFen(),
                status.operationId(),
                status.state(),
                LedgerTime.offsetOf(status.startedAt()),
                status.finishedAt() == null ? null : LedgerTime.offsetOf(status.finishedAt()),
                status.failure());
    }
}
