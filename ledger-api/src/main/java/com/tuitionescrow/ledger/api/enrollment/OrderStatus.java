package com.tuitionescrow.ledger.api.enrollment;

public enum OrderStatus {
    /** Sold, reserving its share of the caps until paid or until {@code payBy}. */
    AWAITING_PAYMENT,
    /** The custody bank reported the money; lessons may be reported. */
    PAID,
    /** Every class hour has been reported. */
    COMPLETED,
    /** Every class hour has been reported or refunded, and some were refunded. */
    REFUNDED,
    /** Not paid by {@code payBy}; its reservation is released. */
    EXPIRED,
    /** Cancelled by the platform while unpaid. */
    CANCELLED
}
