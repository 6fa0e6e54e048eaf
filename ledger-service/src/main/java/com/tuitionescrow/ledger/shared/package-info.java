/** What every feature shares: the refusal of a business rule and the ledger's time zone. No framework here. */
package com.tuitionescrow.ledger.shared;
