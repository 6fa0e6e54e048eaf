package com.tuitionescrow.ledger.api.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of the institutions that match a filter, in the order asked for (the riskiest first by
 * default), with how many match and their totals: a regulator's table reads a page, never the whole
 * list.
 */
public record InstitutionRanking(
        List<InstitutionOverview> items,

        @Schema(description = "The position of the first item among those that match, from 0")
        int offset,

        @Schema(description = "The offset of the following page; null on the last page")
        Integer next,

        @Schema(description = "How many institutions match the filter")
        int matching,

        @Schema(description = "How many institutions the ledger has")
        int institutions,

        @Schema(description = "The custody cash of those that match")
        long custodyFen,

        @Schema(description = "The unconsumed fees of those that match")
        long unconsumedFen,

        @Schema(description = "The violations of those that match")
        long violations) {

    public InstitutionRanking {
        items = List.copyOf(items);
    }
}
