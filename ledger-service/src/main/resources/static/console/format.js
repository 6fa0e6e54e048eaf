import { language, locale } from './i18n.js';

/**
 * 元 with two decimals, from an integer number of fen (a number, or a BigInt for sums). The digits
 * are cut and grouped as text, so no floating-point arithmetic ever touches an amount; a number that
 * is not a safe integer is refused rather than shown rounded.
 */
export function yuan(fen) {
    if (fen === null || fen === undefined) {
        return '—';
    }
    if (typeof fen !== 'bigint' && !Number.isSafeInteger(fen)) {
        throw new Error('not an integer amount of fen: ' + fen);
    }
    const negative = fen < 0;
    const digits = (negative ? -fen : fen).toString().padStart(3, '0');
    const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (negative ? '-' : '') + whole + '.' + digits.slice(-2);
}

/** An amount with its unit: "3,000.00 元" in Chinese, "¥3,000.00" in English. */
export function money(fen) {
    if (fen === null || fen === undefined) {
        return '—';
    }
    const text = yuan(fen);
    if (language() !== 'en') {
        return text + ' 元';
    }
    return text.startsWith('-') ? '-¥' + text.slice(1) : '¥' + text;
}

/** The sum of amounts of fen, as a BigInt: a total is never rounded however many it adds. */
export function total(items, pick) {
    return items.reduce((sum, item) => sum + BigInt(pick(item)), 0n);
}

const ZONE = 'Asia/Shanghai';

/** A moment in Beijing time, to the minute. */
export function beijingTime(iso) {
    if (!iso) {
        return '—';
    }
    return new Intl.DateTimeFormat(locale(), {
        timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
        hourCycle: 'h23',
    }).format(new Date(iso));
}

/** A calendar date as the ledger states it (YYYY-MM-DD), which needs no time zone. */
export function date(isoDate) {
    return isoDate || '—';
}

/** The value of a datetime-local field, read as Beijing time, as an ISO-8601 time with its offset. */
export function beijingInput(value) {
    return value ? value + ':00+08:00' : null;
}
