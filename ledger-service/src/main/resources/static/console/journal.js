import { allPages, api, query } from './api.js';
import { clear, h, table } from './dom.js';
import { beijingInput, beijingTime, yuan } from './format.js';
import { t } from './i18n.js';
import { section, showError, showMessage } from './ui.js';

/** The types of the entries the ledger journals: the events that move money. */
const ENTRY_TYPES = ['CollectionApplied', 'SuspenseReceiptRecorded', 'LessonReported', 'LessonConfirmed', 'LessonResolved',
    'ConsumptionReleased', 'HoldbackReleased', 'ReleaseReturned', 'DisbursementExecuted', 'RefundApproved',
    'RefundExecuted', 'RefundFailed', 'SuspenseReturnInstructed', 'SuspenseReturned', 'SuspenseReturnFailed'];

const PAGE = 50;
/** The export reads the journal a thousand entries a call, up to this many calls (a million entries). */
const EXPORT_PAGES = 1000;

export async function journalView(view) {
    const fields = {
        institutionId: h('input', { id: 'q-institution', type: 'text', maxlength: 18, autocomplete: 'off' }),
        orderId: h('input', { id: 'q-order', type: 'text', maxlength: 64, autocomplete: 'off' }),
        accountCode: h('input', { id: 'q-account', type: 'text', maxlength: 128, autocomplete: 'off' }),
        type: h('input', { id: 'q-type', type: 'text', list: 'entry-types', autocomplete: 'off' }),
        from: h('input', { id: 'q-from', type: 'datetime-local' }),
        to: h('input', { id: 'q-to', type: 'datetime-local' }),
    };
    const results = h('div', { id: 'journal-results' });
    const verification = h('div', { id: 'verification-result' });
    const search = () => runSearch(fields, results);

    clear(view, 
        section(t('journal'),
            h('div', { class: 'search' },
                labelled(t('institutionId'), fields.institutionId), labelled(t('order'), fields.orderId),
                labelled(t('accountCode'), fields.accountCode), labelled(t('type'), fields.type),
                labelled(t('from'), fields.from), labelled(t('to'), fields.to),
                h('datalist', { id: 'entry-types' }, ENTRY_TYPES.map(type => h('option', { value: type }))),
                h('button', { type: 'button', id: 'search', class: 'primary', text: t('search'), onclick: search }),
                h('button', { type: 'button', id: 'export', text: t('export'), onclick: () => exportJournal() })),
            results),
        section(t('verification'),
            h('button', { type: 'button', id: 'verify', text: t('verify'), onclick: () => verify(verification) }),
            verification));
    await runSearch(fields, results);
}

function labelled(text, input) {
    return h('label', {}, text, input);
}

async function runSearch(fields, results) {
    const criteria = {
        institutionId: fields.institutionId.value.trim(), orderId: fields.orderId.value.trim(),
        accountCode: fields.accountCode.value.trim(), type: fields.type.value.trim(),
        from: beijingInput(fields.from.value), to: beijingInput(fields.to.value), limit: PAGE,
    };
    clear(results);
    await loadPage(criteria, 0, results);
}

async function loadPage(criteria, afterSeq, results) {
    let page;
    try {
        page = await api('/v1/audit/journal/search' + query({ ...criteria, afterSeq }));
    } catch (error) {
        showError(error);
        return;
    }
    results.querySelector('.more')?.remove();
    if (!page.items.length && afterSeq === 0) {
        results.append(h('p', { class: 'empty', text: t('noResults') }));
        return;
    }
    let body = results.querySelector('tbody');
    if (!body) {
        const entries = table('data journal', [t('seq'), t('occurredAt'), t('type'), t('actor'), t('postings'), t('hash')], []);
        results.append(entries);
        body = entries.querySelector('tbody');
    }
    body.append(...page.items.map(entryRow));
    if (page.next) {
        results.append(h('button', { type: 'button', class: 'more', text: t('more'),
            onclick: () => loadPage(criteria, Number(page.next), results) }));
    }
}

function entryRow(entry) {
    const postings = table('postings', [t('accountCode'), t('debit'), t('credit')], entry.postings.map(p => h('tr', {},
        h('td', { class: 'account', text: p.accountCode }),
        h('td', { class: 'fen', dataset: { fen: p.debitFen }, text: p.debitFen ? yuan(p.debitFen) : '' }),
        h('td', { class: 'fen', dataset: { fen: p.creditFen }, text: p.creditFen ? yuan(p.creditFen) : '' }))));
    return h('tr', { dataset: { seq: entry.seq } },
        h('td', { text: String(entry.seq) }),
        h('td', { text: beijingTime(entry.occurredAt) }),
        h('td', { class: 'type', text: entry.type }),
        h('td', { text: entry.actor }),
        h('td', {}, postings),
        h('td', { class: 'hash' },
            h('code', { title: t('prevHash'), text: entry.prevHash.slice(0, 16) + '…' }),
            h('code', { title: t('hash'), class: 'current', dataset: { hash: entry.hash }, text: entry.hash.slice(0, 16) + '…' })));
}

async function verify(container) {
    clear(container, h('p', { class: 'loading', text: t('loading') }));
    try {
        const result = await api('/v1/audit/verification');
        const uncovered = result.institutions.filter(i => !i.covered).map(i => i.institutionId);
        const line = (label, value, good) => h('div', { class: 'figure ' + (good ? 'good' : 'bad') },
            h('span', { class: 'label', text: label }), h('strong', { text: value }));
        clear(container, h('div', { class: 'figures', id: 'verification' },
            line(t('entries'), String(result.entries), true),
            line(t('chainIntact'), t(result.chainIntact ? 'yes' : 'no'), result.chainIntact),
            line(t('firstBroken'), result.firstBrokenSeq === null || result.firstBrokenSeq === undefined ? '—'
                : String(result.firstBrokenSeq), result.chainIntact),
            line(t('balanced'), t(result.balanced ? 'yes' : 'no'), result.balanced),
            line(t('replayMatches'), t(result.replayMatches ? 'yes' : 'no'), result.replayMatches),
            line(t('uncovered'), uncovered.length ? uncovered.join(', ') : t('none'), !uncovered.length)));
        container.dataset.verified = String(result.chainIntact && result.balanced && result.replayMatches);
    } catch (error) {
        clear(container);
        showError(error);
    }
}

/** The whole journal as newline-delimited JSON, one entry a line in seq order, saved by the browser. */
async function exportJournal() {
    try {
        const { items, complete } = await allPages('/v1/audit/journal?limit=1000', 'afterSeq', EXPORT_PAGES);
        const blob = new Blob(items.map(entry => JSON.stringify(entry) + '\n'), { type: 'application/x-ndjson' });
        const link = h('a', { href: URL.createObjectURL(blob), download: 'journal.ndjson' });
        link.click();
        // The browser reads the file after the click returns: let it go a while later.
        setTimeout(() => URL.revokeObjectURL(link.href), 60000);
        showMessage(t('exported') + items.length + (complete ? '' : ' …'), complete ? 'info' : 'error');
    } catch (error) {
        showError(error);
    }
}
