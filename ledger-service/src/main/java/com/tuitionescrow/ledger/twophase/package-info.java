/**
 * The two-phase instruction (两阶段指令), the one way money leaves custody: its life, shared by
 * disbursements, refunds and suspense returns. Issued, the money sits in an in-transit account
 * while the bank acts; EXECUTED takes it out of custody; FAILED is retried at once as a new
 * instruction for the same money, up to {@link com.tuitionescrow.ledger.twophase.InstructionPolicy#maxAttempts()}
 * attempts; after the last, it is UNDELIVERABLE, and the money waits in transit until a regulator
 * resolves it with a new instruction. A disbursement that fails is not retried as it is: its money
 * becomes releasable again and the next release run gathers it into a new one.
 *
 * <p>The owners (the student account for refunds, the suspense receipt, the disbursement) keep the
 * money and decide; their events implement the interfaces of {@link
 * com.tuitionescrow.ledger.twophase.InstructionEvents}, and the bank's view of every instruction is
 * projected from those alone. Features depend on this package; it depends on none of them.
 */
package com.tuitionescrow.ledger.twophase;
