import { whenUnauthenticated } from './api.js';
import { clear, h } from './dom.js';
import { language, t, toggleLanguage } from './i18n.js';
import { institutionView } from './institution.js';
import { institutionsView } from './institutions.js';
import { journalView } from './journal.js';
import { signIn, signOut, takeTokenFromFragment, user } from './session.js';
import { hideMessage, showMessage } from './ui.js';

const view = document.getElementById('view');

/** Set when the API refused the token: the sign-in page then says why it is back. */
let tokenRefused = false;

/** The pages, by the route in the address's fragment; each one renders into the view. */
const ROUTES = [
    { pattern: /^#\/institutions$/, name: 'institutions', render: () => institutionsView(view) },
    { pattern: /^#\/institutions\/([0-9A-Z]{18})$/, name: 'institution', render: match => institutionView(view, match[1]) },
    { pattern: /^#\/journal$/, name: 'journal', render: () => journalView(view) },
];

function home(current) {
    if (current.isRegulator) {
        return '#/institutions';
    }
    return current.isInstitution ? '#/institutions/' + current.institutionId : null;
}

async function route() {
    document.body.dataset.ready = '';
    const current = user();
    renderChrome(current);
    if (!current) {
        signInView();
        if (tokenRefused) {
            tokenRefused = false;
            showMessage(t('sessionExpired'), 'error');
        }
        return;
    }
    const target = home(current);
    if (!target) {
        clear(view, h('p', { class: 'empty', text: t('noConsoleRole') }));
        document.body.dataset.ready = 'no-role';
        return;
    }
    const found = ROUTES.map(r => ({ r, match: r.pattern.exec(location.hash) })).find(x => x.match);
    if (!found) {
        location.replace(target);
        return;
    }
    hideMessage();
    clear(view, h('p', { class: 'loading', text: t('loading') }));
    try {
        await found.r.render(found.match);
    } finally {
        if (user()) {
            document.body.dataset.ready = found.r.name;
        } else {
            route();
        }
    }
}

function renderChrome(current) {
    document.title = t('title');
    document.documentElement.lang = language() === 'en' ? 'en' : 'zh-CN';
    document.getElementById('brand').textContent = t('title');
    document.getElementById('language').textContent = t('language');
    const signOutButton = document.getElementById('sign-out');
    signOutButton.textContent = t('signOut');
    signOutButton.hidden = !current;
    const links = [];
    if (current?.isRegulator) {
        links.push(h('a', { href: '#/institutions', text: t('navInstitutions') }));
        links.push(h('a', { href: '#/journal', text: t('navJournal') }));
    } else if (current?.isInstitution) {
        links.push(h('a', { href: '#/institutions/' + current.institutionId, text: t('navHome') }));
    }
    clear(document.getElementById('nav')).append(...links);
    const who = current ? current.subject + ' · ' + current.roles.map(role => t('role' + role)).join('、')
        + (current.institutionId ? ' · ' + current.institutionId : '') : '';
    document.getElementById('who').textContent = who;
}

function signInView() {
    const field = h('textarea', { id: 'token', rows: 4, autocomplete: 'off', spellcheck: 'false' });
    const button = h('button', {
        type: 'button', id: 'sign-in', class: 'primary', text: t('signInButton'), onclick: () => {
            if (signIn(field.value)) {
                hideMessage();
                if (location.hash === '#/') {
                    route();
                } else {
                    location.hash = '#/';
                }
            } else {
                showMessage(t('signInInvalid'), 'error');
            }
        },
    });
    clear(view, h('section', { class: 'sign-in' },
        h('h1', { text: t('signInTitle') }),
        h('p', { text: t('signInIntro') }),
        h('label', { for: 'token', text: t('signInToken') }), field, button));
    document.body.dataset.ready = 'sign-in';
}

takeTokenFromFragment();
whenUnauthenticated(() => {
    signOut();
    tokenRefused = true;
});
document.getElementById('language').addEventListener('click', () => {
    toggleLanguage();
    route();
});
document.getElementById('sign-out').addEventListener('click', () => {
    signOut();
    location.hash = '#/';
    route();
});
window.addEventListener('hashchange', () => {
    takeTokenFromFragment();
    route();
});
route();
