-- A large ledger for ConsolePagesTiming, written straight into the read models and the journal as
-- the projections would leave them (seeding it through the API takes far longer than the pages are
-- worth timing). :institutions institutions, :orders paid orders each, every order with a lesson of
-- two hours confirmed and released: four journal entries an order, spread over the last 90 days.
-- Every tenth institution has a late lesson disputed and a refund waiting; every fifth a statement.
-- The hashes are stand-ins: the chain is not one a verification would accept.

CREATE TEMPORARY TABLE timing_order AS
SELECT g,
       g % :institutions AS n,
       g / :institutions AS k,
       '9111' || lpad((g % :institutions)::text, 13, '0') || 'X' AS institution_id,
       't-stu-' || g AS student_id,
       't-order-' || g AS order_id,
       (10000 + g / :institutions)::bigint AS price,
       now() - interval '90 days' + (g * interval '90 days' / (:institutions * :orders)) AS paid_at
FROM generate_series(0, :institutions * :orders - 1) AS g;

INSERT INTO institution (institution_id, name, category, supervision_model, custody_account_no, status, status_reason,
                         registered_at, updated_at)
SELECT '9111' || lpad(n::text, 13, '0') || 'X', '机构 ' || n, 'ARTS', 'BANK_CUSTODY', '6222' || lpad(n::text, 12, '0'),
       CASE WHEN n % 50 = 7 THEN 'SUSPENDED' ELSE 'ACTIVE' END, NULL, now() - interval '100 days', now()
FROM generate_series(0, :institutions - 1) AS n;

INSERT INTO course_order (order_id, account_id, institution_id, student_id, contract_no, course_id, subject, mode,
                          price_per_hour_fen, hours, start_date, end_date, amount_fen, paid_fen, consumed_hours,
                          confirmed_hours, refunded_fen, status, pay_by, placed_at, paid_at, paid_by_bank_txn_id,
                          refunded_hours, releasable_fen, held_back_fen, disbursing_fen, disbursed_fen)
SELECT order_id, institution_id || ':' || student_id, institution_id, student_id, 'C-' || g, 'piano', 'piano', 'OFFLINE',
       price, 20, (paid_at - interval '1 day')::date, (paid_at + interval '60 days')::date, price * 20, price * 20, 2, 2, 0,
       'PAID', paid_at + interval '30 minutes', paid_at - interval '1 minute', paid_at, 't-txn-' || g, 0, 0, 0, price * 2, 0
FROM timing_order;

INSERT INTO lesson (lesson_id, order_id, institution_id, hours, amount_fen, started_at, ended_at, status, violations,
                    dispute_reason, reported_at, answered_at, confirm_by)
SELECT 't-lesson-' || g, order_id, institution_id, 2, price * 2, paid_at + interval '1 hour',
       paid_at + interval '1 hour 25 minutes', 'CONFIRMED', '{}'::varchar[], NULL, paid_at + interval '2 hours',
       paid_at + interval '3 hours', paid_at + interval '21 days'
FROM timing_order
UNION ALL
SELECT 't-late-' || g, order_id, institution_id, 1, price, date_trunc('day', now()) - interval '2 days' + interval '12 hours 10 minutes',
       date_trunc('day', now()) - interval '2 days' + interval '12 hours 50 minutes', 'DISPUTED', '{OFFLINE_AFTER_2030}'::varchar[],
       'late', now() - interval '1 day', now() - interval '20 hours', now() + interval '20 days'
FROM timing_order WHERE n % 10 = 0 AND k = 0;

INSERT INTO refund (refund_id, order_id, account_id, institution_id, student_id, amount_fen, hours, status, reason,
                    requested_at, answer_by)
SELECT 't-refund-' || g, order_id, institution_id || ':' || student_id, institution_id, student_id, price * 18, 18,
       'AWAITING_INSTITUTION', 'moving', now() - interval '1 day', now() + interval '6 days'
FROM timing_order WHERE n % 10 = 0 AND k = 1;

-- The journal: payment, lesson, confirmation, release of each order, in the order they happened.
CREATE TEMPORARY TABLE timing_entry AS
SELECT o.*, s AS step, (o.g * 4 + s + 1)::bigint AS seq, o.paid_at + s * interval '2 hours' AS occurred_at,
       CASE s WHEN 0 THEN o.price * 20 ELSE o.price * 2 END AS amount,
       CASE s WHEN 0 THEN 'CollectionApplied' WHEN 1 THEN 'LessonReported' WHEN 2 THEN 'LessonConfirmed'
              ELSE 'ConsumptionReleased' END AS entry_type,
       CASE s WHEN 0 THEN 'CUSTODY_CASH' WHEN 1 THEN 'STUDENT_PREPAID' WHEN 2 THEN 'AWAITING_CONFIRMATION'
              ELSE 'RELEASABLE' END AS debit_type,
       CASE s WHEN 0 THEN 'STUDENT_PREPAID' WHEN 1 THEN 'AWAITING_CONFIRMATION' WHEN 2 THEN 'RELEASABLE'
              ELSE 'DISBURSEMENT_IN_TRANSIT' END AS credit_type
FROM timing_order o CROSS JOIN generate_series(0, 3) AS s;

-- Negative global indexes: no event of the store stands behind these entries, and the journal's
-- writer never meets them.
INSERT INTO journal_entry (seq, entry_id, entry_type, institution_id, order_id, occurred_at, recorded_at, actor,
                           prev_hash, hash, global_index)
SELECT seq, 'timing-' || seq, entry_type, institution_id, CASE WHEN step < 3 THEN order_id END, occurred_at,
       occurred_at + interval '1 second', 'timing-seed', sha256(convert_to((seq - 1)::text, 'UTF8')),
       sha256(convert_to(seq::text, 'UTF8')), -seq
FROM timing_entry;

INSERT INTO journal_posting (seq, line, account_code, account_type, institution_id, debit_fen, credit_fen)
SELECT seq, 1, debit_type || ':' || institution_id || CASE WHEN debit_type = 'STUDENT_PREPAID' THEN ':' || student_id ELSE '' END,
       debit_type, institution_id, amount, 0
FROM timing_entry
UNION ALL
SELECT seq, 2, credit_type || ':' || institution_id || CASE WHEN credit_type = 'STUDENT_PREPAID' THEN ':' || student_id ELSE '' END,
       credit_type, institution_id, 0, amount
FROM timing_entry;

INSERT INTO account_balance (account_code, account_type, institution_id, student_id, debit_fen, credit_fen, last_seq)
SELECT p.account_code, p.account_type, p.institution_id,
       CASE WHEN p.account_type = 'STUDENT_PREPAID' THEN split_part(p.account_code, ':', 3) END,
       sum(p.debit_fen), sum(p.credit_fen), max(p.seq)
FROM journal_posting p
GROUP BY p.account_code, p.account_type, p.institution_id;

INSERT INTO bank_instruction (instruction_id, kind, owner_id, institution_id, custody_account_no, amount_fen, payee_ref,
                              status, created_at)
SELECT 'DSB-timing-' || n, 'DISBURSEMENT', 'timing-' || n, '9111' || lpad(n::text, 13, '0') || 'X', '6222' || lpad(n::text, 12, '0'),
       sum(price * 2), '9111' || lpad(n::text, 13, '0') || 'X', 'PENDING', now() - interval '1 day'
FROM timing_order GROUP BY n;

INSERT INTO reconciliation (statement_id, content_sha256, format, institution_id, custody_account_no, from_date, to_date,
                            matched, missing_in_ledger, missing_in_bank, amount_mismatches, pending, reversed,
                            bank_opening_fen, bank_closing_fen, ledger_closing_fen, statement_consistent, reconciled,
                            received_at, actor)
SELECT 'stmt-' || gen_random_uuid(), sha256(convert_to('timing-' || n, 'UTF8')), 'CSV', '9111' || lpad(n::text, 13, '0') || 'X',
       '6222' || lpad(n::text, 12, '0'), current_date - 1, current_date - 1, 0, 0, 0, 0, 0, 0, 0, total, total, true, true,
       now(), 'timing-seed'
FROM (SELECT n, sum(price * 20) AS total FROM timing_order GROUP BY n) AS custody WHERE n % 5 = 0;
