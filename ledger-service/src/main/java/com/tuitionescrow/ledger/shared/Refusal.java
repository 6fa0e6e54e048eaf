package com.tuitionescrow.ledger.shared;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import java.util.Objects;

/**
 * A business rule refused a command. Thrown before any event is applied or, where events were
 * applied, it rolls the whole unit of work back: a refusal changes nothing.
 */
public class Refusal extends RuntimeException {

    private final ProblemCode code;

    public Refusal(ProblemCode code, String detail) {
        super(detail, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ProblemCode code() {
        return code;
    }
}
