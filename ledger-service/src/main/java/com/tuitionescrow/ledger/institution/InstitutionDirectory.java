package com.tuitionescrow.ledger.institution;

import static com.tuitionescrow.ledger.schema.Tables.INSTITUTION;

import com.tuitionescrow.ledger.api.institution.Category;
import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.institution.SupervisionModel;
import com.tuitionescrow.ledger.schema.tables.records.InstitutionRecord;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Reads registered institutions: by id, or by the custody account the bank names. */
@Repository
public class InstitutionDirectory {

    private final DSLContext db;

    InstitutionDirectory(DSLContext db) {
        this.db = db;
    }

    public Optional<InstitutionResponse> find(String institutionId) {
        return db.selectFrom(INSTITUTION)
                .where(INSTITUTION.INSTITUTION_ID.eq(institutionId))
                .fetchOptional(InstitutionDirectory::toResponse);
    }

    /**
     * The institution as a decision inside this transaction must see it: its row is held (FOR SHARE)
     * until the transaction ends, so a status change, which updates that row, waits for a sale, lesson
     * or payment that read the old status, and one that comes after the change reads the new one.
     * Without it a sale that read ACTIVE could commit after a wind-down had passed its student.
     */
    public Optional<InstitutionResponse> findHeld(String institutionId) {
        return db.selectFrom(INSTITUTION)
                .where(INSTITUTION.INSTITUTION_ID.eq(institutionId))
                .forShare()
                .fetchOptional(InstitutionDirectory::toResponse);
    }

    public Optional<InstitutionResponse> findByCustodyAccount(String custodyAccountNo) {
        return db.selectFrom(INSTITUTION)
                .where(INSTITUTION.CUSTODY_ACCOUNT_NO.eq(custodyAccountNo))
                .fetchOptional(InstitutionDirectory::toResponse);
    }

    private static InstitutionResponse toResponse(InstitutionRecord r) {
        return new InstitutionResponse(
                r.getInstitutionId(),
                r.getName(),
                Category.valueOf(r.getCategory()),
                SupervisionModel.valueOf(r.getSupervisionModel()),
                r.getCustodyAccountNo(),
                r.getRiskReserveFen(),
                InstitutionStatus.valueOf(r.getStatus()),
                r.getStatusReason(),
                LedgerTime.offsetOf(r.getRegisteredAt().toInstant()));
    }
}
