package com.tuitionescrow.ledger.loadtests.faults;

/** An institution the load sells for, with its custody account (专户). */
record School(String institutionId, String custodyAccountNo) {}
