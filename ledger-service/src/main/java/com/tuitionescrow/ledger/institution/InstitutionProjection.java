package com.tuitionescrow.ledger.institution;

import static com.tuitionescrow.ledger.schema.Tables.INSTITUTION;

import com.tuitionescrow.ledger.institution.InstitutionEvents.InstitutionRegistered;
import com.tuitionescrow.ledger.institution.InstitutionEvents.InstitutionStatusChanged;
import com.tuitionescrow.ledger.platform.axon.Projection;
import com.tuitionescrow.ledger.platform.axon.Projection.Runs;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The institution table, written in the transaction of the command (a subscribing processor): an
 * order placed right after a suspension already sees it, and the unique custody account number
 * turns a concurrent registration of the same account into a retry.
 */
@Component
@ProcessingGroup(InstitutionProjection.GROUP)
@Projection(Runs.IN_COMMAND_TRANSACTION)
class InstitutionProjection {

    static final String GROUP = "institution-views";

    private final DSLContext db;

    InstitutionProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(InstitutionRegistered event) {
        var at = event.registeredAt().atOffset(ZoneOffset.UTC);
        db.insertInto(INSTITUTION)
                .set(INSTITUTION.INSTITUTION_ID, event.institutionId())
                .set(INSTITUTION.NAME, event.name())
                .set(INSTITUTION.CATEGORY, event.category().name())
                .set(INSTITUTION.SUPERVISION_MODEL, event.supervisionModel().name())
                .set(INSTITUTION.CUSTODY_ACCOUNT_NO, event.custodyAccountNo())
                .set(INSTITUTION.RISK_RESERVE_FEN, event.riskReserveFen())
                .set(INSTITUTION.STATUS, "ACTIVE")
                .set(INSTITUTION.REGISTERED_AT, at)
                .set(INSTITUTION.UPDATED_AT, at)
                .execute();
    }

    @EventHandler
    void on(InstitutionStatusChanged event) {
        db.update(INSTITUTION)
                .set(INSTITUTION.STATUS, event.to().name())
                .set(INSTITUTION.STATUS_REASON, event.reason())
                .set(INSTITUTION.UPDATED_AT, event.changedAt().atOffset(ZoneOffset.UTC))
                .where(INSTITUTION.INSTITUTION_ID.eq(event.institutionId()))
                .execute();
    }
}
