package com.tuitionescrow.ledger.api.settlement;

import java.time.LocalDate;
import java.util.List;

/**
 * An institution's custody cash day by day (Beijing dates, by when the money moved): the balance
 * before {@code from}, then each day's money in, money out and closing balance.
 */
public record CustodyHistory(String institutionId, LocalDate from, LocalDate to, long openingFen, List<Day> days) {

    public CustodyHistory {
        days = List.copyOf(days);
    }

    public record Day(LocalDate date, long inFen, long outFen, long closingFen) {}
}
