package com.tuitionescrow.ledger.release;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.institution.WindDownRequest;
import com.tuitionescrow.ledger.api.institution.WindDownResponse;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.RefundForWindDown;
import com.tuitionescrow.ledger.enrollment.OrderQueries;
import com.tuitionescrow.ledger.enrollment.WindDownRefunds;
import com.tuitionescrow.ledger.institution.InstitutionCommands.WindDownInstitution;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.NotFound;
import com.tuitionescrow.ledger.journal.JournalFreshness;
import com.tuitionescrow.ledger.settlement.LedgerQueries;
import com.tuitionescrow.ledger.settlement.LedgerQueries.Totals;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * 机构关停: a regulator stops an institution. Its status becomes WINDING_DOWN at once, which freezes
 * its releases and refuses its sales and lessons; then every student's unconsumed fees are
 * instructed back, one student account per transaction. Running it again finishes what a stopped
 * run left and otherwise changes nothing.
 */
@Service
class WindDownService {

    private final CommandTransactions commands;
    private final InstitutionDirectory institutions;
    private final OrderQueries orders;
    private final LedgerQueries ledger;
    private final JournalFreshness journal;
    private final Clock clock;

    WindDownService(CommandTransactions commands, InstitutionDirectory institutions, OrderQueries orders,
                    LedgerQueries ledger, JournalFreshness journal, Clock clock) {
        this.commands = commands;
        this.institutions = institutions;
        this.orders = orders;
        this.ledger = ledger;
        this.journal = journal;
        this.clock = clock;
    }

    WindDownResponse windDown(String institutionId, WindDownRequest request, Caller caller) {
        InstitutionResponse institution = institutions.find(institutionId)
                .orElseThrow(() -> new NotFound("institution " + institutionId));
        Instant now = clock.instant();
        long unconsumed = orders.unconsumedFenOf(institutionId);
        commands.inTransaction(() -> commands.send(new WindDownInstitution(institutionId, request.reason(), now), caller));
        int refunds = 0;
        long refundedFen = 0;
        for (String account : orders.accountsOf(institutionId)) {
            WindDownRefunds instructed = commands.inTransaction(() -> commands.send(
                    new RefundForWindDown(account, institution.custodyAccountNo(), now), caller));
            refunds += instructed.count();
            refundedFen = Fen.plus(refundedFen, instructed.amountFen());
        }
        // The shortfall compares with the custody balance, read from the journal: it must be current.
        journal.awaitCurrent();
        Totals custody = ledger.account(AccountCode.of(AccountType.CUSTODY_CASH, institutionId), null).orElse(Totals.ZERO);
        long custodyFen = AccountType.CUSTODY_CASH.normalSide().balance(custody.debitFen(), custody.creditFen());
        long reserve = institution.riskReserveFen() == null ? 0 : institution.riskReserveFen();
        long shortfall = Math.max(0, Fen.minus(Fen.minus(unconsumed, custodyFen), reserve));
        return new WindDownResponse(institutionId, InstitutionStatus.WINDING_DOWN, refunds, refundedFen, unconsumed,
                custodyFen, reserve, shortfall);
    }
}
