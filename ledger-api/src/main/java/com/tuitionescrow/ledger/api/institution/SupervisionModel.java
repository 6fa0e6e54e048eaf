package com.tuitionescrow.ledger.api.institution;

public enum SupervisionModel {
    /** 银行托管: all prepaid fees are held in the custody account. */
    BANK_CUSTODY,
    /** 风险保证金: a set amount is deposited as a risk reserve. */
    RISK_RESERVE
}
