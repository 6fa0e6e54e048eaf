-- Indexes for the reads the console's pages make, so that each page answers within 300 ms with
-- 1 000 institutions and 100 000 journal entries (README, "The console").

-- Lessons and refunds still open, of one institution or of all, in the order of their deadlines.
CREATE INDEX lesson_institution_open ON lesson (institution_id, status, confirm_by, lesson_id);
CREATE INDEX lesson_status_open ON lesson (status, confirm_by, lesson_id);
CREATE INDEX refund_institution_open ON refund (institution_id, status, answer_by, refund_id);
CREATE INDEX refund_status_open ON refund (status, answer_by, refund_id);

-- An institution's lessons by week.
CREATE INDEX lesson_institution_started ON lesson (institution_id, started_at);

-- The latest statement of each institution, for the regulator's table.
CREATE INDEX reconciliation_institution_latest ON reconciliation (institution_id, to_date DESC, list_seq DESC);

-- Journal search: entries of one order, of one type, or that happened in a period, in seq order.
-- Entries of an institution or an account are found through their postings (journal_posting's
-- indexes), since one entry may post to several institutions.
CREATE INDEX journal_entry_order ON journal_entry (order_id, seq) WHERE order_id IS NOT NULL;
CREATE INDEX journal_entry_type ON journal_entry (entry_type, seq);
CREATE INDEX journal_entry_occurred ON journal_entry (occurred_at, seq);

-- An institution's custody cash over time: its custody postings, without reading the others.
CREATE INDEX journal_posting_custody ON journal_posting (institution_id, seq) WHERE account_type = 'CUSTODY_CASH';
