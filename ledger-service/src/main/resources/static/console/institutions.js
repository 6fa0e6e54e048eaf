import { api, query } from './api.js';
import { clear, h, table } from './dom.js';
import { date, money, total, yuan } from './format.js';
import { t } from './i18n.js';
import { ask, section, showError, showMessage } from './ui.js';

/**
 * Rows read at a time: the server ranks, filters and pages every institution, and the page draws the
 * riskiest first, the next ones on request.
 */
const PAGE = 50;
/** How long typing in the filter may pause before the table is read again. */
const TYPING_PAUSE_MS = 150;

const RULES = ['OFFLINE_AFTER_2030', 'ONLINE_AFTER_2100', 'ONLINE_OVER_30_MIN', 'ONLINE_BREAK_UNDER_10_MIN'];

function riskLevel(score) {
    return score >= 50 ? 'high' : score > 0 ? 'medium' : 'low';
}

/** The columns: how each is shown, and the figure the server sorts by (the ranking's sort). */
const COLUMNS = [
    { key: 'risk', label: () => t('risk'), sort: 'RISK', cell: r => h('td', { class: 'risk ' + riskLevel(r.risk), dataset: { risk: r.risk } },
        t('risk' + riskLevel(r.risk)[0].toUpperCase() + riskLevel(r.risk).slice(1))) },
    { key: 'name', label: () => t('institution'), sort: 'NAME', cell: r => h('td', { class: 'name' },
        h('a', { href: '#/institutions/' + r.institutionId, text: r.name }), h('small', { text: r.institutionId })) },
    { key: 'status', label: () => t('status'), sort: 'STATUS', cell: r => h('td', { class: 'status ' + r.status,
        dataset: { status: r.status }, text: t('status' + r.status) }) },
    { key: 'custodyFen', label: () => t('custodyLedger'), sort: 'CUSTODY', cell: r => fen(r.custodyFen) },
    { key: 'bankFen', label: () => t('custodyBank'), sort: 'BANK',
        cell: r => r.lastStatement ? fen(r.lastStatement.bankClosingFen) : h('td', { class: 'muted', text: t('noStatement') }) },
    { key: 'differenceFen', label: () => t('custodyDifference'), sort: 'DIFFERENCE',
        cell: r => r.lastStatement ? fen(r.lastStatement.differenceFen, r.lastStatement.differenceFen !== 0) : h('td', {}) },
    { key: 'unconsumedFen', label: () => t('unconsumed'), sort: 'UNCONSUMED', cell: r => fen(r.unconsumedFen, !r.covered) },
    { key: 'suspenseFen', label: () => t('suspense'), sort: 'SUSPENSE', cell: r => fen(r.suspenseFen) },
    { key: 'violations', label: () => t('violations'), sort: 'VIOLATIONS', cell: r => h('td', { class: 'count' + (r.violations ? ' alert' : ''),
        dataset: { count: r.violations }, title: RULES.filter(rule => r.violationsByRule[rule])
            .map(rule => t('rule' + rule) + ': ' + r.violationsByRule[rule]).join('\n') },
        String(r.violations), ...RULES.filter(rule => r.violationsByRule[rule]).map(rule =>
            h('span', { class: 'chip', dataset: { rule }, text: t('rule' + rule) + ' ' + r.violationsByRule[rule] }))) },
    { key: 'openDisputes', label: () => t('disputes'), sort: 'OPEN_DISPUTES', cell: r => count(r.openDisputes) },
    { key: 'openRefunds', label: () => t('openRefunds'), sort: 'OPEN_REFUNDS', cell: r => count(r.openRefunds) },
    { key: 'lastStatement', label: () => t('lastStatement'), sort: 'LAST_STATEMENT',
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
    const state = { sortKey: 'risk', descending: true, text: '', status: '', onlyRisky: false, rows: [], ranking: null, reads: 0 };
    const summary = h('div', { class: 'figures', id: 'summary' });
    const body = h('div', { id: 'institutions-table' });
    const read = more => readPage(body, summary, state, read, more);
    let typing = null;

    const filterInput = h('input', { type: 'search', id: 'filter', placeholder: t('filter'),
        oninput: event => {
            state.text = event.target.value.trim();
            clearTimeout(typing);
            // What is drawn no longer answers the filter: gone at once, the answer drawn when it comes.
            reading(body, state);
            typing = setTimeout(() => read(false), TYPING_PAUSE_MS);
        } });
    const statusSelect = h('select', { id: 'status-filter', onchange: event => { state.status = event.target.value; read(false); } },
        h('option', { value: '', text: t('allStatuses') }),
        ...['ACTIVE', 'SUSPENDED', 'BLACKLISTED', 'WINDING_DOWN', 'CLOSED'].map(s => h('option', { value: s, text: t('status' + s) })));
    const riskyBox = h('input', { type: 'checkbox', id: 'only-risky',
        onchange: event => { state.onlyRisky = event.target.checked; read(false); } });
    const releaseButton = h('button', { type: 'button', id: 'release-run', class: 'primary', text: t('releaseRun'),
        onclick: () => releaseRun() });

    clear(view,
        h('div', { class: 'toolbar' }, filterInput, statusSelect, h('label', { class: 'check' }, riskyBox, t('onlyRisky')),
            h('span', { class: 'spacer' }), releaseButton),
        summary,
        section(t('institutions'), body));
    await read(false);
}

/** Marks the table as waiting for a new answer: the rows drawn are dropped, and any answer on its way is ignored. */
function reading(container, state) {
    state.reads++;
    state.rows = [];
    clear(container, h('p', { class: 'loading', text: t('loading') }));
    container.setAttribute('aria-busy', 'true');
}

/** Reads the first page for the filter and order chosen, or (more) the page after the rows drawn, and draws them. */
async function readPage(container, summary, state, read, more) {
    if (!more) {
        reading(container, state);
    }
    const reads = state.reads;
    const column = COLUMNS.find(c => c.key === state.sortKey);
    let ranking;
    try {
        ranking = await api('/v1/audit/institutions/ranking' + query({ q: state.text, status: state.status,
            riskyOnly: state.onlyRisky || null, sort: column.sort, descending: state.descending,
            offset: more ? state.rows.length : 0, limit: PAGE }));
    } catch (error) {
        if (reads === state.reads) {
            clear(container);
            container.removeAttribute('aria-busy');
            showError(error);
        }
        return;
    }
    if (reads !== state.reads) {
        return;
    }
    state.rows.push(...ranking.items);
    state.ranking = ranking;
    container.removeAttribute('aria-busy');
    drawTable(container, summary, state, read);
}

function drawTable(container, summary, state, read) {
    const { rows, ranking } = state;
    const headers = COLUMNS.map(c => h('th', {
        class: 'sortable' + (c.key === state.sortKey ? (state.descending ? ' desc' : ' asc') : ''),
        dataset: { sort: c.key },
        onclick: () => {
            state.descending = c.key === state.sortKey ? !state.descending : true;
            state.sortKey = c.key;
            read(false);
        },
    }, c.label()));
    const drawn = rows.map(row => h('tr', { dataset: { institution: row.institutionId } }, COLUMNS.map(c => {
        const cell = c.cell(row);
        cell.dataset.column = c.key;
        return cell;
    })));
    const more = ranking.next !== null && ranking.next !== undefined ? h('button', { type: 'button', id: 'more-institutions',
        class: 'more', text: t('more') + ' (' + (ranking.matching - rows.length) + ')',
        onclick: event => { event.target.disabled = true; read(true); } }) : null;
    clear(container, table('data institutions', headers, drawn), more);

    clear(summary,
        figure(t('shown'), rows.length + ' / ' + ranking.matching + ' / ' + ranking.institutions),
        figure(t('totalCustody'), money(ranking.custodyFen)),
        figure(t('totalUnconsumed'), money(ranking.unconsumedFen)),
        figure(t('totalViolations'), String(ranking.violations)));
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

