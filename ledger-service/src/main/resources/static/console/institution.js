import { allPages, api, query } from './api.js';
import { echarts } from './charts.js';
import { clear, h, table } from './dom.js';
import { beijingTime, date, money, yuan } from './format.js';
import { t } from './i18n.js';
import { user } from './session.js';
import { ask, section, showError, showMessage } from './ui.js';

/** The charts on the page, disposed of when the page is drawn again. */
let charts = [];

/** The figures of the settlement, in the order shown; the first three after custody are money on its way out. */
const SETTLEMENT = ['custodyFen', 'prepaidFen', 'awaitingConfirmationFen', 'releasableFen', 'heldBackFen', 'disbursingFen',
    'refundingFen', 'suspenseFen', 'returningFen', 'liabilitiesFen', 'disbursedTotalFen', 'refundedTotalFen'];
const ON_THE_WAY = ['releasableFen', 'heldBackFen', 'disbursingFen'];

function label(figure) {
    return t({ custodyFen: 'custody', prepaidFen: 'prepaid', awaitingConfirmationFen: 'awaitingConfirmation',
        releasableFen: 'releasable', heldBackFen: 'heldBack', disbursingFen: 'disbursing', refundingFen: 'refunding',
        suspenseFen: 'suspense', returningFen: 'returning', liabilitiesFen: 'liabilities', disbursedTotalFen: 'disbursedTotal',
        refundedTotalFen: 'refundedTotal' }[figure]);
}

export async function institutionView(view, institutionId) {
    charts.forEach(chart => chart.dispose());
    charts = [];
    const me = user();
    const id = encodeURIComponent(institutionId);
    const scope = query({ institutionId });
    // Every read at once, the chart library with them: the page waits for the slowest, not for their sum.
    const results = await Promise.allSettled([
        api('/v1/institutions/' + id),
        api('/v1/institutions/' + id + '/settlement'),
        api('/v1/institutions/' + id + '/custody-history'),
        api('/v1/institutions/' + id + '/weekly-activity?weeks=12'),
        allPages('/v1/lessons' + scope + '&limit=1000', 'afterId', 5),
        allPages('/v1/refunds' + scope + '&limit=1000', 'afterId', 5),
        api('/v1/reconciliations' + scope + '&limit=20'),
        me.isRegulator ? api('/v1/audit/violations' + scope + '&limit=100') : Promise.resolve(null),
        echarts(),
    ]);
    const denied = results.slice(0, 2).find(result => result.status === 'rejected');
    if (denied) {
        clear(view, h('p', { class: 'empty', id: 'no-access', text: t('none') }));
        showError(denied.reason);
        return;
    }
    const failed = results.find(result => result.status === 'rejected');
    if (failed) {
        showError(failed.reason);
        return;
    }
    const [institution, settlement, custody, weekly, lessons, refunds, reports, violations, library] =
        results.map(result => result.value);
    const disputed = lessons.items.filter(l => l.status === 'DISPUTED');
    const awaiting = lessons.items.filter(l => l.status === 'AWAITING_CONFIRMATION');
    const custodyChart = h('div', { class: 'chart', id: 'custody-chart' });
    const weeklyChart = h('div', { class: 'chart', id: 'weekly-chart' });

    clear(view, 
        header(institution, me),
        section(t('settlement'), figures(settlement)),
        h('div', { class: 'charts' },
            section(t('custodyOverTime'), custodyChart),
            section(t('weekly'), weeklyChart)),
        section(t('openDisputes'), disputedTable(disputed, me)),
        section(t('refundsTitle'), refundTable(refunds.items, me)),
        section(t('awaitingLessons'), awaitingTable(awaiting)),
        section(t('reconciliations'), reportsTable(reports.items)),
        violations ? section(t('violationsTitle'), violationsTable(violations.items)) : null);
    drawCustody(library, custodyChart, custody);
    drawWeekly(library, weeklyChart, weekly);
}

function header(institution, me) {
    const actions = [];
    if (me.isRegulator && !['WINDING_DOWN', 'CLOSED'].includes(institution.status)) {
        actions.push(h('button', { type: 'button', id: 'wind-down', class: 'danger', text: t('windDown'),
            onclick: () => windDown(institution) }));
    }
    return h('div', { class: 'title' },
        h('h1', { id: 'institution-name', text: institution.name }),
        h('span', { class: 'id', text: institution.institutionId }),
        h('span', { class: 'status ' + institution.status, id: 'institution-status', dataset: { status: institution.status },
            text: t('status' + institution.status) }),
        h('span', { class: 'spacer' }), ...actions);
}

function figures(settlement) {
    const cell = figure => h('div', { class: 'figure' + (ON_THE_WAY.includes(figure) ? ' on-the-way' : '') },
        h('span', { class: 'label', text: label(figure) }),
        h('strong', { dataset: { figure, fen: settlement[figure] }, text: money(settlement[figure]) }));
    return h('div', {},
        h('div', { class: 'figures' }, SETTLEMENT.filter(f => !ON_THE_WAY.includes(f)).map(cell)),
        h('h3', { text: t('onTheWay') }),
        h('div', { class: 'figures' }, ON_THE_WAY.map(cell)));
}

function fenCell(value) {
    return h('td', { class: 'fen', dataset: { fen: value }, text: yuan(value) });
}

function disputedTable(lessons, me) {
    if (!lessons.length) {
        return h('p', { class: 'empty', text: t('none') });
    }
    const headers = [t('lesson'), t('order'), t('hours'), t('amount'), t('started'), t('disputeReason')];
    if (me.isRegulator) {
        headers.push(t('actions'));
    }
    return table('data disputes', headers, lessons.map(lesson => h('tr', { dataset: { lesson: lesson.lessonId } },
        h('td', { text: lesson.lessonId }), h('td', { text: lesson.orderId }), h('td', { text: String(lesson.hours) }),
        fenCell(lesson.amountFen), h('td', { text: beijingTime(lesson.startedAt) }), h('td', { text: lesson.disputeReason || '' }),
        me.isRegulator ? h('td', { class: 'actions' },
            h('button', { type: 'button', dataset: { action: 'CONSUMED' }, text: t('ruleConsumed'),
                onclick: () => ruleOnLesson(lesson, 'CONSUMED') }),
            h('button', { type: 'button', dataset: { action: 'REVERSED' }, text: t('ruleReversed'),
                onclick: () => ruleOnLesson(lesson, 'REVERSED') })) : null)));
}

function awaitingTable(lessons) {
    if (!lessons.length) {
        return h('p', { class: 'empty', text: t('none') });
    }
    return table('data awaiting', [t('lesson'), t('order'), t('hours'), t('amount'), t('started'), t('confirmBy')],
        lessons.map(lesson => h('tr', { dataset: { lesson: lesson.lessonId } },
            h('td', { text: lesson.lessonId }), h('td', { text: lesson.orderId }), h('td', { text: String(lesson.hours) }),
            fenCell(lesson.amountFen), h('td', { text: beijingTime(lesson.startedAt) }),
            h('td', { class: 'deadline', text: beijingTime(lesson.confirmBy) }))));
}

function refundTable(refunds, me) {
    if (!refunds.length) {
        return h('p', { class: 'empty', text: t('none') });
    }
    const actionsFor = refund => {
        if (refund.status === 'AWAITING_INSTITUTION' && me.isInstitution && me.institutionId === refund.institutionId) {
            return [button('APPROVE', t('approve'), () => answerRefund(refund, 'decision', 'APPROVE')),
                button('CONTEST', t('contest'), () => answerRefund(refund, 'decision', 'CONTEST'))];
        }
        if (refund.status === 'CONTESTED' && me.isRegulator) {
            return [button('APPROVE', t('approve'), () => answerRefund(refund, 'resolution', 'APPROVE')),
                button('DENY', t('deny'), () => answerRefund(refund, 'resolution', 'DENY'))];
        }
        return [];
    };
    return table('data refunds', [t('refund'), t('order'), t('student'), t('amount'), t('status'), t('reason'), t('answerBy'),
        t('actions')], refunds.map(refund => h('tr', { dataset: { refund: refund.refundId } },
        h('td', { text: refund.refundId }), h('td', { text: refund.orderId }), h('td', { text: refund.studentId }),
        fenCell(refund.amountFen), h('td', { text: t('status' + refund.status) }), h('td', { text: refund.reason }),
        h('td', { class: 'deadline', text: refund.status === 'AWAITING_INSTITUTION' ? beijingTime(refund.answerBy) : '—' }),
        h('td', { class: 'actions' }, actionsFor(refund)))));
}

function button(action, text, onclick) {
    return h('button', { type: 'button', dataset: { action }, text, onclick });
}

function reportsTable(reports) {
    if (!reports.length) {
        return h('p', { class: 'empty', text: t('none') });
    }
    return table('data reports', [t('statement'), t('period'), t('matched'), t('missingInLedger'), t('missingInBank'),
        t('mismatches'), t('bankClosing'), t('ledgerClosing'), t('reconciled')], reports.map(report => {
        const row = h('tr', { dataset: { statement: report.statementId }, class: report.reconciled ? '' : 'alert' },
            h('td', {}, h('button', { type: 'button', class: 'link', text: report.statementId,
                onclick: () => showFindings(row, report.statementId) })),
            h('td', { text: date(report.fromDate) + ' – ' + date(report.toDate) }),
            h('td', { text: String(report.matched) }), h('td', { text: String(report.missingInLedger) }),
            h('td', { text: String(report.missingInBank) }), h('td', { text: String(report.amountMismatches) }),
            fenCell(report.bankClosingFen), fenCell(report.ledgerClosingFen),
            h('td', { text: t(report.reconciled ? 'yes' : 'no') }));
        return row;
    }));
}

async function showFindings(row, statementId) {
    if (row.nextElementSibling?.classList.contains('findings')) {
        row.nextElementSibling.remove();
        return;
    }
    try {
        const report = await api('/v1/reconciliations/' + encodeURIComponent(statementId));
        const lines = [
            ...report.missingInLedger.map(f => [t('missingInLedger'), f.bankRef, f.kind, f.amountFen, null]),
            ...report.missingInBank.map(f => [t('missingInBank'), f.bankRef, f.kind, null, f.amountFen]),
            ...report.amountMismatches.map(f => [t('mismatches'), f.bankRef, f.kind, f.bankFen, f.ledgerFen]),
        ];
        const content = lines.length ? table('data findings-table', [t('findings'), t('bankRef'), t('kind'), t('bankFen'),
            t('ledgerFen')], lines.map(([what, ref, kind, bank, ledger]) => h('tr', {},
            h('td', { text: what }), h('td', { text: ref ?? '' }), h('td', { text: kind ?? '' }),
            bank === null ? h('td', {}) : fenCell(bank), ledger === null ? h('td', {}) : fenCell(ledger))))
            : h('p', { class: 'empty', text: t('none') });
        row.after(h('tr', { class: 'findings' }, h('td', { colspan: 9 }, content)));
    } catch (error) {
        showError(error);
    }
}

function violationsTable(violations) {
    if (!violations.length) {
        return h('p', { class: 'empty', text: t('none') });
    }
    return table('data violations', [t('lesson'), t('order'), t('started'), t('violations')],
        violations.map(v => h('tr', { dataset: { lesson: v.lessonId } },
            h('td', { text: v.lessonId }), h('td', { text: v.orderId }), h('td', { text: beijingTime(v.startedAt) }),
            h('td', {}, v.violations.map(rule => h('span', { class: 'chip', dataset: { rule }, text: t('rule' + rule) }))))));
}

/**
 * Chart values are yuan as numbers, only to place points on an axis: the tooltips show the amounts
 * formatted from the fen, in plain text drawn by the chart (never as HTML).
 */
function chartYuan(fen) {
    return Number(yuan(fen).replace(/,/g, ''));
}

function drawCustody(library, element, history) {
    const chart = library.init(element);
    charts.push(chart);
    element.dataset.points = history.days.length;
    chart.setOption({
        grid: { left: 70, right: 20, top: 30, bottom: 30 },
        tooltip: { trigger: 'axis', renderMode: 'richText',
            formatter: points => points[0].axisValue + '\n' + money(history.days[points[0].dataIndex].closingFen) },
        xAxis: { type: 'category', data: history.days.map(d => d.date) },
        yAxis: { type: 'value', name: '元' },
        series: [{ type: 'line', name: t('custody'), step: 'end', showSymbol: false, areaStyle: {},
            data: history.days.map(d => chartYuan(d.closingFen)) }],
    });
}

function drawWeekly(library, element, activity) {
    const chart = library.init(element);
    charts.push(chart);
    element.dataset.points = activity.weeks.length;
    chart.setOption({
        grid: { left: 70, right: 50, top: 40, bottom: 30 },
        tooltip: { trigger: 'axis', renderMode: 'richText', formatter: points => points[0].axisValue + '\n' + points
            .map(point => point.seriesName + ': ' + (point.seriesIndex === 3 ? point.value
                : money(activity.weeks[point.dataIndex][['lessonFen', 'instructedFen', 'disbursedFen'][point.seriesIndex]])))
            .join('\n') },
        legend: { top: 0 },
        xAxis: { type: 'category', data: activity.weeks.map(w => w.weekStart) },
        yAxis: [{ type: 'value', name: '元' }, { type: 'value', name: t('lessonsCount'), minInterval: 1 }],
        series: [
            { type: 'bar', name: t('lessonFen'), data: activity.weeks.map(w => chartYuan(w.lessonFen)) },
            { type: 'bar', name: t('instructedFen'), data: activity.weeks.map(w => chartYuan(w.instructedFen)) },
            { type: 'bar', name: t('disbursedFen'), data: activity.weeks.map(w => chartYuan(w.disbursedFen)) },
            { type: 'line', name: t('lessonsCount'), yAxisIndex: 1, data: activity.weeks.map(w => w.lessons) },
        ],
    });
}

async function windDown(institution) {
    const answer = await ask({
        title: t('windDown') + ' · ' + institution.name, text: t('windDownText'), okLabel: t('windDown'),
        fields: [{ name: 'typedId', label: t('windDownTypeId'), required: true },
            { name: 'reason', label: t('reason'), multiline: true, required: true }],
        check: values => values.typedId === institution.institutionId ? null : t('idMismatch'),
    });
    if (!answer) {
        return;
    }
    await act(() => api('/v1/institutions/' + encodeURIComponent(institution.institutionId) + '/wind-down',
        { method: 'POST', body: { reason: answer.reason } }), result => t('windDownDone') + result.refundsInstructed + ', ' + money(result.refundedFen));
}

async function ruleOnLesson(lesson, outcome) {
    const answer = await ask({ title: (outcome === 'CONSUMED' ? t('ruleConsumed') : t('ruleReversed')) + ' · ' + lesson.lessonId,
        text: lesson.disputeReason || '', fields: [{ name: 'reason', label: t('reason'), multiline: true, required: true }] });
    if (answer) {
        await act(() => api('/v1/lessons/' + encodeURIComponent(lesson.lessonId) + '/resolution',
            { method: 'POST', body: { outcome, reason: answer.reason } }));
    }
}

async function answerRefund(refund, kind, answerValue) {
    const field = kind === 'decision' ? 'decision' : 'outcome';
    const answer = await ask({ title: t(answerValue.toLowerCase()) + ' · ' + refund.refundId + ' · ' + money(refund.amountFen),
        text: refund.reason, fields: [{ name: 'reason', label: t('reason'), multiline: true, required: answerValue !== 'APPROVE' }] });
    if (answer) {
        const body = { [field]: answerValue };
        if (answer.reason) {
            body.reason = answer.reason;
        }
        await act(() => api('/v1/refunds/' + encodeURIComponent(refund.refundId) + '/' + kind, { method: 'POST', body }));
    }
}

/** Runs an action through the API, then draws the page again with what the ledger now says. */
async function act(call, describeResult) {
    try {
        const result = await call();
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        showMessage(describeResult ? describeResult(result) : t('answered'), 'info');
    } catch (error) {
        showError(error);
        if (!user()) {
            window.dispatchEvent(new HashChangeEvent('hashchange'));
        }
    }
}
