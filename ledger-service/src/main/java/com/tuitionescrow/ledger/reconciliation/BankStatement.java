package com.tuitionescrow.ledger.reconciliation;

import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One statement of one custody account, whatever file it came in: the period it covers, its booked
 * opening (OPBD) and closing (CLBD) balances in fen, and its entries in the bank's order.
 */
record BankStatement(
        String custodyAccountNo,
        LocalDate fromDate,
        LocalDate toDate,
        long openingFen,
        long closingFen,
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
     * {@code bankRef} is the bank's reference of the movement, as the bank wrote it, which the ledger
     * matches against the bankTxnIds it holds; absent when the bank gave none (a fee, interest).
     * {@code identifiedBy} says where the entry is and what else names it, for a person to find it.
     */
    record Entry(
            LocalDate bookingDate,
            CreditDebit kind,
            long amountFen,
            String bankRef,
            EntryStatus status,
            boolean reversal,
            String identifiedBy) {

        Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(status, "status");
            if (bankRef == null && identifiedBy == null) {
                throw new IllegalArgumentException("an entry without a reference is identified otherwise");
            }
            if (amountFen <= 0) {
                throw new IllegalArgumentException("an entry moves a positive amount: " + amountFen);
            }
            if (status == EntryStatus.BOOK && bookingDate == null) {
                throw new IllegalArgumentException("a booked entry has a booking date");
            }
        }

        /** An entry known by its reference alone. */
        Entry(
                LocalDate bookingDate,
                CreditDebit kind,
                long amountFen,
                String bankRef,
                EntryStatus status,
                boolean reversal) {
            this(bookingDate, kind, amountFen, Objects.requireNonNull(bankRef, "bankRef"), status, reversal, null);
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
