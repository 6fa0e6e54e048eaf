// Labels, Chinese first. A key missing in English falls back to the Chinese label, never to the key.
const LABELS = {
    zh: {
        title: '预付费资金监管账本', language: 'English', signOut: '退出',
        navInstitutions: '机构总览', navJournal: '账本', navHome: '本机构',
        signInTitle: '登录', signInIntro: '本控制台使用与接口相同的访问令牌（Bearer token）。请通过单点登录进入，或粘贴令牌。',
        signInToken: '访问令牌', signInButton: '登录', signInInvalid: '这不是有效的访问令牌。',
        sessionExpired: '会话已失效，请重新登录。', noConsoleRole: '本控制台服务于监管部门和培训机构；此令牌的角色无可用页面。',
        roleREGULATOR: '监管部门', roleINSTITUTION: '培训机构', rolePLATFORM: '监管平台', roleBANK: '托管银行',
        loading: '加载中…', none: '无', yes: '是', no: '否', more: '加载更多', cancel: '取消', confirm: '确认',
        reason: '理由', forbidden: '无权查看：', notFound: '未找到：', failed: '请求失败：',
        // institutions table
        institutions: '机构', institution: '机构', institutionId: '统一社会信用代码', name: '名称', status: '状态',
        risk: '风险', riskHigh: '高', riskMedium: '中', riskLow: '低',
        custodyLedger: '专户余额（账本）', custodyBank: '专户余额（银行对账单）', custodyDifference: '差额（银行−账本）',
        unconsumed: '未消课预收费', suspense: '暂挂资金', violations: '违规课次', disputes: '待裁决争议',
        openRefunds: '未结退费', lastStatement: '最近对账日', notReconciled: '未对平', reconciledYes: '已对平',
        noStatement: '未收到对账单', filter: '搜索名称或代码', allStatuses: '全部状态', onlyRisky: '只看有风险的',
        shown: '显示 / 符合 / 全部', totalCustody: '专户合计', totalUnconsumed: '未消课合计', totalViolations: '违规合计',
        statusACTIVE: '正常', statusSUSPENDED: '暂停', statusBLACKLISTED: '黑名单', statusWINDING_DOWN: '关停清退中',
        statusCLOSED: '已关闭',
        ruleOFFLINE_AFTER_2030: '线下课晚于20:30', ruleONLINE_AFTER_2100: '线上课晚于21:00',
        ruleONLINE_OVER_30_MIN: '线上课超过30分钟', ruleONLINE_BREAK_UNDER_10_MIN: '线上课间休息不足10分钟',
        // actions
        releaseRun: '执行拨付', releaseRunText: '把所有已确认、未冻结的可拨付资金生成拨付指令交给托管银行。',
        releaseDone: '拨付指令已生成：', instructions: '条指令', windDown: '关停清退',
        windDownText: '冻结该机构的全部拨付，并为每名学员退还未消课费用。此操作不可撤销。',
        windDownTypeId: '请输入该机构的统一社会信用代码以确认', windDownDone: '已进入关停清退，退费笔数：',
        idMismatch: '输入的代码与该机构不符。', ruleConsumed: '认定已上课', ruleReversed: '认定未上课',
        approve: '同意退费', deny: '驳回退费', contest: '提出异议', answered: '已处理。',
        // institution page
        settlement: '资金状况', custody: '专户余额', prepaid: '学员预付（未消课）', awaitingConfirmation: '已消课待确认',
        releasable: '可拨付', heldBack: '暂留资金', disbursing: '拨付在途', refunding: '退费在途', returning: '暂挂退回在途',
        liabilities: '负债合计', disbursedTotal: '累计已拨付', refundedTotal: '累计已退费', onTheWay: '在途资金',
        custodyOverTime: '专户余额走势（近90天）', weekly: '每周消课与拨付（近12周）', lessonFen: '消课金额',
        instructedFen: '拨付指令', disbursedFen: '银行已拨付', lessonsCount: '课次',
        openDisputes: '争议课次（待监管裁决）', awaitingLessons: '待家长确认的课次', refundsTitle: '未结退费',
        reconciliations: '对账报告', violationsTitle: '违规课次', lesson: '课次', order: '订单', hours: '课时',
        amount: '金额', started: '上课时间', confirmBy: '确认截止', answerBy: '答复截止', disputeReason: '争议理由',
        refund: '退费', student: '学员', statement: '对账单', period: '期间',
        matched: '已匹配', missingInLedger: '账本缺失', missingInBank: '银行缺失', mismatches: '金额不符',
        bankClosing: '银行期末余额', ledgerClosing: '账本期末余额', reconciled: '是否对平', findings: '差异明细',
        bankRef: '银行流水号', kind: '方向', bankFen: '银行金额', ledgerFen: '账本金额', actions: '操作',
        statusAWAITING_CONFIRMATION: '待确认', statusDISPUTED: '有争议', statusAWAITING_INSTITUTION: '待机构答复',
        statusCONTESTED: '机构有异议',
        // journal
        journal: '账本分录', search: '查询', accountCode: '科目代码', type: '分录类型', from: '起（北京时间）',
        to: '止（北京时间）', seq: '序号', occurredAt: '发生时间', actor: '操作人', postings: '分录行',
        debit: '借方', credit: '贷方', hash: '哈希', prevHash: '前一哈希', verification: '校验', verify: '运行校验',
        entries: '分录数', chainIntact: '哈希链完整', firstBroken: '首个断点', balanced: '借贷平衡',
        replayMatches: '余额重放一致', uncovered: '未覆盖的机构', export: '下载导出（NDJSON）', exported: '已导出分录：',
        noResults: '没有符合条件的分录。',
    },
    en: {
        title: 'Prepaid tuition escrow ledger', language: '中文', signOut: 'Sign out',
        navInstitutions: 'Institutions', navJournal: 'Journal', navHome: 'My institution',
        signInTitle: 'Sign in', signInIntro: 'The console uses the same bearer tokens as the API. Come in through single sign-on, or paste a token.',
        signInToken: 'Bearer token', signInButton: 'Sign in', signInInvalid: 'This is not a valid token.',
        sessionExpired: 'Your session has ended: sign in again.', noConsoleRole: 'The console serves regulators and institutions; this token\'s roles have no pages here.',
        roleREGULATOR: 'Regulator', roleINSTITUTION: 'Institution', rolePLATFORM: 'Platform', roleBANK: 'Bank',
        loading: 'Loading…', none: 'none', yes: 'yes', no: 'no', more: 'Load more', cancel: 'Cancel', confirm: 'Confirm',
        reason: 'Reason', forbidden: 'Not yours to see: ', notFound: 'Not found: ', failed: 'The request failed: ',
        institutions: 'Institutions', institution: 'Institution', institutionId: 'Credit code', name: 'Name', status: 'Status',
        risk: 'Risk', riskHigh: 'high', riskMedium: 'medium', riskLow: 'low',
        custodyLedger: 'Custody (ledger)', custodyBank: 'Custody (bank statement)', custodyDifference: 'Difference (bank − ledger)',
        unconsumed: 'Unconsumed fees', suspense: 'Suspense', violations: 'Violations', disputes: 'Open disputes',
        openRefunds: 'Open refunds', lastStatement: 'Last statement', notReconciled: 'not reconciled', reconciledYes: 'reconciled',
        noStatement: 'no statement yet', filter: 'Search name or code', allStatuses: 'All statuses', onlyRisky: 'Only at risk',
        shown: 'Shown / matching / all', totalCustody: 'Custody in all', totalUnconsumed: 'Unconsumed in all', totalViolations: 'Violations in all',
        statusACTIVE: 'active', statusSUSPENDED: 'suspended', statusBLACKLISTED: 'blacklisted', statusWINDING_DOWN: 'winding down',
        statusCLOSED: 'closed',
        ruleOFFLINE_AFTER_2030: 'offline after 20:30', ruleONLINE_AFTER_2100: 'online after 21:00',
        ruleONLINE_OVER_30_MIN: 'online over 30 min', ruleONLINE_BREAK_UNDER_10_MIN: 'online break under 10 min',
        releaseRun: 'Run the release', releaseRunText: 'Instructs the custody bank to disburse everything confirmed and not frozen.',
        releaseDone: 'Instructions issued: ', instructions: 'instructions', windDown: 'Wind down',
        windDownText: 'Freezes every release of this institution and refunds every student\'s unconsumed fees. This cannot be undone.',
        windDownTypeId: 'Type the institution\'s credit code to confirm', windDownDone: 'Winding down; refunds started: ',
        idMismatch: 'That is not this institution\'s code.', ruleConsumed: 'Rule: delivered', ruleReversed: 'Rule: not delivered',
        approve: 'Approve', deny: 'Deny', contest: 'Contest', answered: 'Done.',
        settlement: 'Settlement', custody: 'Custody cash', prepaid: 'Prepaid (unconsumed)', awaitingConfirmation: 'Awaiting confirmation',
        releasable: 'Releasable', heldBack: 'Held back', disbursing: 'Disbursing', refunding: 'Refunding', returning: 'Suspense returning',
        liabilities: 'Liabilities', disbursedTotal: 'Disbursed so far', refundedTotal: 'Refunded so far', onTheWay: 'Money on its way',
        custodyOverTime: 'Custody cash, last 90 days', weekly: 'Lessons and releases per week, last 12 weeks', lessonFen: 'Lessons',
        instructedFen: 'Instructed', disbursedFen: 'Disbursed', lessonsCount: 'Lessons',
        openDisputes: 'Disputed lessons (for a ruling)', awaitingLessons: 'Lessons awaiting confirmation', refundsTitle: 'Open refunds',
        reconciliations: 'Reconciliation reports', violationsTitle: 'Violations', lesson: 'Lesson', order: 'Order', hours: 'Hours',
        amount: 'Amount', started: 'Started', confirmBy: 'Confirm by', answerBy: 'Answer by', disputeReason: 'Dispute reason',
        refund: 'Refund', student: 'Student', statement: 'Statement', period: 'Period',
        matched: 'Matched', missingInLedger: 'Missing in ledger', missingInBank: 'Missing in bank', mismatches: 'Mismatches',
        bankClosing: 'Bank closing', ledgerClosing: 'Ledger closing', reconciled: 'Reconciled', findings: 'Findings',
        bankRef: 'Bank reference', kind: 'Kind', bankFen: 'Bank amount', ledgerFen: 'Ledger amount', actions: 'Actions',
        statusAWAITING_CONFIRMATION: 'awaiting confirmation', statusDISPUTED: 'disputed', statusAWAITING_INSTITUTION: 'awaiting the institution',
        statusCONTESTED: 'contested',
        journal: 'Journal', search: 'Search', accountCode: 'Account code', type: 'Entry type', from: 'From (Beijing time)',
        to: 'To (Beijing time)', seq: 'Seq', occurredAt: 'Occurred', actor: 'Actor', postings: 'Postings',
        debit: 'Debit', credit: 'Credit', hash: 'Hash', prevHash: 'Previous hash', verification: 'Verification', verify: 'Run the verification',
        entries: 'Entries', chainIntact: 'Chain intact', firstBroken: 'First break', balanced: 'Balanced',
        replayMatches: 'Replay matches', uncovered: 'Institutions not covered', export: 'Download the export (NDJSON)', exported: 'Entries exported: ',
        noResults: 'No entry matches.',
    },
};

const STORAGE_KEY = 'ledger.console.language';

export function language() {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function toggleLanguage() {
    localStorage.setItem(STORAGE_KEY, language() === 'en' ? 'zh' : 'en');
}

export function t(key) {
    return LABELS[language()][key] ?? LABELS.zh[key] ?? key;
}

/** The BCP 47 tag dates and numbers are formatted for. */
export function locale() {
    return language() === 'en' ? 'en-GB' : 'zh-CN';
}
