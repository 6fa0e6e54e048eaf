package com.tuitionescrow.ledger.loadtests.faults;

/** One invariant checked after the faults, with what was found. */
record Check(String name, boolean passed, String detail) {

    static Check of(String name, boolean passed, String detail) {
        return new Check(name, passed, detail);
    }
}
