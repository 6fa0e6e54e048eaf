/**
 * The double-entry core: accounts, postings and journal entries, in integer fen. It knows nothing
 * of Spring, Axon or the database (an ArchUnit rule keeps it so), and it refuses to construct an
 * entry that does not balance: every institution's debits equal its credits in every entry, which
 * is what keeps each institution's custody cash equal to the sum of what it owes.
 */
package com.tuitionescrow.ledger.accounting;
