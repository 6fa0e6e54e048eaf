/**
 * What every feature shares: the refusal of a business rule, the ledger's time zone and the
 * working-day calendar that windows are counted in. No framework here.
 */
package com.tuitionescrow.ledger.shared;
