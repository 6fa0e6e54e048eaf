// The bearer token lives in this tab's sessionStorage only. It arrives in the URL fragment
// (#token=...), which browsers never send to a server, and is taken out of the address bar at once;
// "&to=/institutions/..." after it names the page to open.

const KEY = 'ledger.console.token';

/** Takes a token handed over in the fragment, if any, and leaves the address without it. */
export function takeTokenFromFragment() {
    const match = /^#token=([A-Za-z0-9_\-.]+)(?:&to=(\/[A-Za-z0-9/_-]*))?$/.exec(location.hash);
    if (match) {
        sessionStorage.setItem(KEY, match[1]);
        history.replaceState(null, '', location.pathname + '#' + (match[2] || '/'));
    }
}

export function signIn(token) {
    const claims = claimsOf(token.trim());
    if (!claims) {
        return false;
    }
    sessionStorage.setItem(KEY, token.trim());
    return true;
}

export function signOut() {
    sessionStorage.removeItem(KEY);
}

export function token() {
    return sessionStorage.getItem(KEY);
}

/**
 * What the token says about its holder, to choose the pages to offer. Read, not verified: the
 * service verifies the token on every call and decides what the holder may see.
 */
export function user() {
    const current = token();
    const claims = current && claimsOf(current);
    if (!claims) {
        return null;
    }
    const roles = Array.isArray(claims.roles) ? claims.roles : [];
    return {
        subject: String(claims.sub || ''),
        roles,
        institutionId: claims.institution_id ? String(claims.institution_id) : null,
        isRegulator: roles.includes('REGULATOR'),
        isInstitution: roles.includes('INSTITUTION'),
    };
}

function claimsOf(jwt) {
    const parts = jwt.split('.');
    if (parts.length !== 3) {
        return null;
    }
    try {
        const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
        const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
        const claims = JSON.parse(new TextDecoder().decode(bytes));
        return claims && typeof claims === 'object' ? claims : null;
    } catch (e) {
        return null;
    }
}
