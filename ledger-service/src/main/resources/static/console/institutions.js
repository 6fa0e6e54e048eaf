import { allPages, api } from './api.js';
import { clear, h, table } from './dom.js';
import { date, money, total, yuan } from './format.js';
import { t } from './i18n.js';
import { ask, section, showError, showMessage } from './ui.js';

/** The table reads every institution, a page of 1000 at a time, up to this many pages. */
const MAX_PAGES = 20;
/** Rows drawn at a time: the riskiest first, the next ones on request (a thousand rows take seconds to draw). */
const ROWS_DRAWN = 100;

const RULES = ['OFFLINE_AFTER_2030', 'ONLINE_AFTER_2100', 'ONLINE_OVER_30_MIN', 'ONLINE_BREAK_UNDER_10_MIN'];

/**
 * How much an institution needs a regulator's eye, highest first: money the bank does not show,
 * custody short of the fees it holds, a standing other than active, statements that do not
 * reconcile, lesson-time breaches, then money and cases waiting.
 */
export function riskOf(row) {
    let score = 0;
    const statement = row.lastStatement;
    if (statement && statement.differenceFen !== 0) score += 100;
    if (!row.covered) score += 100;
    if (row.status === 'BLACKLISTED' || row.status === 'WINDING_DOWN') score += 50;
    if (row.status === 'SUSPENDED') score += 30;
    if (statement && !statement.reconciled) score += 20;
    if (!statement && row.custodyFen > 0) score += 5;
    score += Math.min(row.violations, 20) * 2;
    if (row.suspenseFen > 0) score += 3;
    score += Math.min(row.openDisputes + row.openRefunds, 10);
    return score;
}

function riskLevel(score) {
    return score >= 50 ? 'high' : score > 0 ? 'medium' : 'low';
}

/** The columns: how each is shown, and the value it sorts by. */
const COLUMNS = [
    { key: 'risk', label: () => t('risk'), sort: r => r.risk, cell: r => h('td', { class: 'risk ' + riskLevel(r.risk), dataset: { risk: r.risk } },
        t('risk' + riskLevel(r.risk)[0].toUpperCase() + riskLevel(r.risk).slice(1))) },
    { key: 'name', label: () => t('institution'), sort: r => r.name, cell: r => h('td', { class: 'name' },
        h('a', { href: '#/institutions/' + r.institutionId, text: r.name }), h('small', { text: r.institutionId })) },
    { key: 'status', label: () => t('status'), sort: r => r.status, cell: r => h('td', { class: 'status ' + r.status,
        dataset: { status: r.status }, text: t('status' + r.status) }) },
    { key: 'custodyFen', label: () => t('custodyLedger'), sort: r => r.custodyFen, cell: r => fen(r.custodyFen) },
    { key: 'bankFen', label: () => t('custodyBank'), sort: r => r.lastStatement?.bankClosingFen ?? -1,
        cell: r => r.lastStatement ? fen(r.lastStatement.bankClosingFen) : h('td', { class: 'muted', text: t('noStatement') }) },
    { key: 'differenceFen', label: () => t('custodyDifference'), sort: r => Math.abs(r.lastStatement?.differenceFen ?? 0),
        cell: r => r.lastStatement ? fen(r.lastStatement.differenceFen, r.lastStatement.differenceFen !== 0) : h('td', {}) },
    { key: 'unconsumedFen', label: () => t('unconsumed'), sort: r => r.unconsumedFen, cell: r => fen(r.unconsumedFen, !r.covered) },
    { key: 'suspenseFen', label: () => t('suspense'), sort: r => r.suspenseFen, cell: r => fen(r.suspenseFen) },
    { key: 'violations', label: () => t('violations'), sort: r => r.violations, cell: r => h('td', { class: 'count' + (r.violations ? ' alert' : ''),
        dataset: { count: r.violations }, title: RULES.filter(rule => r.violationsByRule[rule])
            .map(rule => t('rule' + rule) + ': ' + r.violationsByRule[rule]).join('\n') },
        String(r.violations), ...RULES.filter(rule => r.violationsByRule[rule]).map(rule =>
            h('span', { class: 'chip', dataset: { rule }, text: t('rule' + rule) + ' ' + r.violationsByRule[rule] }))) },
    { key: 'openDisputes', label: () => t('disputes'), sort: r => r.openDisputes, cell: r => count(r.openDisputes) },
    { key: 'openRefunds', label: () => t('openRefunds'), sort: r => r.openRefunds, cell: r => count(r.openRefunds) },
    { key: 'lastStatement', label: () => t('lastStatement'), sort: r => r.lastStatement?.toDate ?? '',
        cell: r => h('td', { class: r.lastStatement && !r.lastStatement.reconciled ? 'alert' : '' },
            r.lastStatement ? date(r.lastStatement.toDate) + ' · ' + t(r.lastStatement.reconciled ? 'reconciledYes' : 'notReconciled')
                : '—') },
];

function fen(value, alert) {
    return h('td', { class: 'fen' + (alert ? ' alert' : ''), dataset: { fen: value } }, yuan(value));
}

function count(value) {
    return h('td', { class: 'count' + (value ? ' alert' : ''), dataset: { count: value }, text: String(value) });
}

export async function institutionsView(view) {
    const state = { rows: [], sortKey: 'risk', descending: true, text: '', status: '', onlyRisky: false, drawn: ROWS_DRAWN };
    try {
        const { items } = await allPages('/v1/audit/institutions?limit=1000', 'afterId', MAX_PAGES);
        state.rows = items.map(row => ({ ...row, risk: riskOf(row) }));
    } catch (error) {
        clear(view);
        showError(error);
        return;
    }
    const summary = h('div', { class: 'figures', id: 'summary' });
    const body = h('div', { id: 'institutions-table' });
    const redraw = () => drawTable(body, summary, state, redraw);

    const filterInput = h('input', { type: 'search', id: 'filter', placeholder: t('filter'),
        oninput: event => { state.text = event.target.value.trim().toLowerCase(); redraw(); } });
    const statusSelect = h('select', { id: 'status-filter', onchange: event => { state.status = event.target.value; redraw(); } },
        h('option', { value: '', text: t('allStatuses') }),
        ...['ACTIVE', 'SUSPENDED', 'BLACKLISTED', 'WINDING_DOWN', 'CLOSED'].map(s => h('option', { value: s, text: t('status' + s) })));
    const riskyBox = h('input', { type: 'checkbox', id: 'only-risky',
        onchange: event => { state.onlyRisky = event.target.checked; redraw(); } });
    const releaseButton = h('button', { type: 'button', id: 'release-run', class: 'primary', text: t('releaseRun'),
        onclick: () => releaseRun() });

    clear(view, 
        h('div', { class: 'toolbar' }, filterInput, statusSelect, h('label', { class: 'check' }, riskyBox, t('onlyRisky')),
            h('span', { class: 'spacer' }), releaseButton),
        summary,
        section(t('institutions'), body));
    redraw();
}

function drawTable(container, summary, state, redraw) {
    const visible = state.rows.filter(row =>
        (!state.text || row.name.toLowerCase().includes(state.text) || row.institutionId.toLowerCase().includes(state.text))
        && (!state.status || row.status === state.status)
        && (!state.onlyRisky || row.risk > 0));
    const column = COLUMNS.find(c => c.key === state.sortKey);
    visible.sort((a, b) => {
        const x = column.sort(a);
        const y = column.sort(b);
        const order = x < y ? -1 : x > y ? 1 : a.institutionId.localeCompare(b.institutionId);
        return state.descending && x !== y ? -order : order;
    });
    const headers = COLUMNS.map(c => h('th', {
        class: 'sortable' + (c.key === state.sortKey ? (state.descending ? ' desc' : ' asc') : ''),
        dataset: { sort: c.key },
        onclick: () => {
            state.descending = c.key === state.sortKey ? !state.descending : true;
            state.sortKey = c.key;
            redraw();
        },
    }, c.label()));
    const rows = visible.slice(0, state.drawn).map(row => h('tr', { dataset: { institution: row.institutionId } }, COLUMNS.map(c => {
        const cell = c.cell(row);
        cell.dataset.column = c.key;
        return cell;
    })));
    const more = visible.length > state.drawn ? h('button', { type: 'button', id: 'more-institutions', class: 'more',
        text: t('more') + ' (' + (visible.length - state.drawn) + ')',
        onclick: () => { state.drawn += ROWS_DRAWN; redraw(); } }) : null;
    clear(container, table('data institutions', headers, rows), more);

    clear(summary, 
        figure(t('shown'), Math.min(visible.length, state.drawn) + ' / ' + visible.length + ' / ' + state.rows.length),
        figure(t('totalCustody'), money(total(visible, r => r.custodyFen))),
        figure(t('totalUnconsumed'), money(total(visible, r => r.unconsumedFen))),
        figure(t('totalViolations'), String(visible.reduce((sum, r) => sum + r.violations, 0))));
}

function figure(label, value) {
    return h('div', { class: 'figure' }, h('span', { class: 'label', text: label }), h('strong', { text: value }));
}

async function releaseRun() {
    const answer = await ask({ title: t('releaseRun'), text: t('releaseRunText'), okLabel: t('releaseRun') });
    if (!answer) {
        return;
    }
    try {
        const run = await api('/v1/disbursements/run', { method: 'POST', body: {} });
        const instructions = run.instructions || [];
        showMessage(t('releaseDone') + instructions.length + ' ' + t('instructions') + ', '
            + money(total(instructions, i => i.amountFen)), 'info');
    } catch (error) {
        showError(error);
    }
}

