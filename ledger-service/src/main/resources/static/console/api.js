import { token } from './session.js';

/** A problem the API answered with (RFC 9457): its status, stable code and detail. */
export class Problem extends Error {
    constructor(status, code, detail) {
        super(code + (detail ? ': ' + detail : ''));
        this.status = status;
        this.code = code;
        this.detail = detail;
    }
}

/** Called when the API no longer accepts the token (401): the console asks the user to sign in again. */
let onUnauthenticated = () => {};

export function whenUnauthenticated(handler) {
    onUnauthenticated = handler;
}

/** A call to the ledger's API with the signed-in user's token; the JSON answer, or a Problem thrown. */
export async function api(path, options = {}) {
    const headers = { Authorization: 'Bearer ' + token(), Accept: 'application/json' };
    if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
        method: options.method || 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : {};
    if (!response.ok) {
        const problem = new Problem(response.status, body.code || String(response.status), body.detail || '');
        if (response.status === 401) {
            onUnauthenticated(problem);
        }
        throw problem;
    }
    return body;
}

/** Every page of a list, following {@code next} for at most {@code maxPages} pages. */
export async function allPages(path, cursorName, maxPages) {
    const items = [];
    let next = null;
    for (let page = 0; page < maxPages; page++) {
        const separator = path.includes('?') ? '&' : '?';
        const answer = await api(next === null ? path : path + separator + cursorName + '=' + encodeURIComponent(next));
        items.push(...answer.items);
        next = answer.next;
        if (next === null || next === undefined) {
            return { items, complete: true };
        }
    }
    return { items, complete: false };
}

/** A query string of the parameters that have a value. */
export function query(parameters) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) {
        if (Array.isArray(value)) {
            value.forEach(v => search.append(name, v));
        } else if (value !== null && value !== undefined && value !== '') {
            search.append(name, value);
        }
    }
    const text = search.toString();
    return text ? '?' + text : '';
}
