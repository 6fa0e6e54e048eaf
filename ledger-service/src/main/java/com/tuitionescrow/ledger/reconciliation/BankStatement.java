package com.tuitionescrow.ledger.reconciliation;

import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One statement of one custody account, whatever file it came in: the period it covers, its booked
 * opening (OPBD) and closing (CLBD) balances in fen, and its entries in the bank's order.
 */
record BankStatement(String custodyAccountNo, LocalDate fromDate, LocalDate toDate, long openingFen, long closingFen,
                     List<Entry> entries) {

    BankStatement {
        Objects.requireNonNull(custodyAccountNo, "custodyAccountNo");
        if (fromDate.isAfter(toDate)) {
            throw new IllegalArgumentException("a statement's period ends on or after its first day");
        }
        entries = List.copyOf(entries);
    }

    /**
     * One movement the bank shows. {@code kind} is the direction of this entry itself: a reversal of
     * a credit is a debit. {@code bookingDate} is absent only for a pending entry that has none.
     */
    record Entry(LocalDate bookingDate, CreditDebit kind, long amountFen, String bankRef, EntryStatus status,
                 boolean reversal) {

        Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(bankRef, "bankRef");
            Objects.requireNonNull(status, "status");
            if (amountFen <= 0) {
                throw new IllegalArgumentException("an entry moves a positive amount: " + amountFen);
            }
            if (status == EntryStatus.BOOK && bookingDate == null) {
                throw new IllegalArgumentException("a booked entry has a booking date");
            }
        }

        boolean booked() {
            return status == EntryStatus.BOOK;
        }

        /** The entry's effect on the account balance. */
        long signedFen() {
            return kind == CreditDebit.CRDT ? amountFen : -amountFen;
        }
    }
}
