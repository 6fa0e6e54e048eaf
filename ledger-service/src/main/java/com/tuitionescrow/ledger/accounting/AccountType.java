package com.tuitionescrow.ledger.accounting;

/**
 * The chart of accounts of docs/domain.md. Custody cash is the one asset; everything else is money the
 * custody account holds for someone. Per-student accounts are sub-ledgers of one institution.
 */
public enum AccountType {
    /** 专户资金: money in the institution's dedicated custody account. */
    CUSTODY_CASH(NormalSide.DEBIT, false),
    /** 预收费 unconsumed: what a student has prepaid and not yet used. */
    STUDENT_PREPAID(NormalSide.CREDIT, true),
    /** 已消课待确认: lessons reported, not yet confirmed by the parent. */
    AWAITING_CONFIRMATION(NormalSide.CREDIT, false),
    /** 可拨付: confirmed consumption, releasable to the institution. */
    RELEASABLE(NormalSide.CREDIT, false),
    /** Confirmed consumption held back until the order completes. */
    HELD_BACK(NormalSide.CREDIT, false),
    /** Instructed to the bank for the institution, not yet confirmed by it. */
    DISBURSEMENT_IN_TRANSIT(NormalSide.CREDIT, false),
    /** 退费 instructed to the bank for a student, not yet confirmed by it. */
    REFUND_IN_TRANSIT(NormalSide.CREDIT, true),
    /** Received but applicable to no order: owed back to the payer. */
    SUSPENSE(NormalSide.CREDIT, false),
    /** Suspense money instructed back to its payer, not yet confirmed by the bank. */
    RETURN_IN_TRANSIT(NormalSide.CREDIT, false);

    private final NormalSide normalSide;
    private final boolean perStudent;

    AccountType(NormalSide normalSide, boolean perStudent) {
        this.normalSide = normalSide;
        this.perStudent = perStudent;
    }

    public NormalSide normalSide() {
        return normalSide;
    }

    public boolean perStudent() {
        return perStudent;
    }

    public boolean isAsset() {
        return normalSide == NormalSide.DEBIT;
    }
}
