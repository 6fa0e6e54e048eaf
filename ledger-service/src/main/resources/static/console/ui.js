import { Problem } from './api.js';
import { clear, h } from './dom.js';
import { t } from './i18n.js';

const message = document.getElementById('message');

export function showMessage(text, kind) {
    message.textContent = text;
    message.className = 'message ' + (kind || 'info');
    message.hidden = false;
}

export function hideMessage() {
    message.hidden = true;
}

/** What went wrong, as the user should read it: whose it is not, what is missing, or the problem's code. */
export function describe(error) {
    if (error instanceof Problem) {
        const lead = error.status === 403 ? t('forbidden') : error.status === 404 ? t('notFound') : t('failed');
        return lead + error.status + ' ' + error.code + (error.detail ? ' — ' + error.detail : '');
    }
    return t('failed') + error.message;
}

/** Shows what went wrong; a refused token is not shown here, as the console returns to its sign-in page. */
export function showError(error) {
    if (error instanceof Problem && error.status === 401) {
        return;
    }
    showMessage(describe(error), 'error');
}

/**
 * A confirmation step before an action: a title, what it does, and the fields it needs. Resolves to
 * the fields' values, or null when the user cancels. {@code check} may refuse the values with a reason.
 */
export function ask({ title, text, fields = [], okLabel, check }) {
    const dialog = document.getElementById('confirm');
    document.getElementById('confirm-title').textContent = title;
    document.getElementById('confirm-text').textContent = text || '';
    const inputs = fields.map(field => {
        const input = field.multiline
            ? h('textarea', { name: field.name, rows: 3, required: field.required })
            : h('input', { name: field.name, type: 'text', required: field.required, autocomplete: 'off' });
        input.value = field.value || '';
        return { field, input };
    });
    const error = h('p', { class: 'dialog-error', role: 'alert' });
    clear(document.getElementById('confirm-fields')).append(
        ...inputs.map(({ field, input }) => h('label', {}, field.label, input)), error);
    const ok = document.getElementById('confirm-ok');
    const cancel = document.getElementById('confirm-cancel');
    ok.textContent = okLabel || t('confirm');
    cancel.textContent = t('cancel');
    return new Promise(resolve => {
        const finish = values => {
            ok.onclick = null;
            cancel.onclick = null;
            dialog.onclose = null;
            if (dialog.open) {
                dialog.close();
            }
            resolve(values);
        };
        ok.onclick = () => {
            const values = Object.fromEntries(inputs.map(({ field, input }) => [field.name, input.value.trim()]));
            const missing = inputs.find(({ field, input }) => field.required && !input.value.trim());
            const refusal = missing ? missing.field.label : check ? check(values) : null;
            if (refusal) {
                error.textContent = refusal;
                return;
            }
            finish(values);
        };
        cancel.onclick = () => finish(null);
        dialog.onclose = () => finish(null);
        dialog.showModal();
    });
}

/** A section of a page with its heading. */
export function section(title, ...content) {
    return h('section', { class: 'panel' }, h('h2', { text: title }), ...content);
}
