// Every text shown goes through a text node: nothing read from the API is ever parsed as HTML.

/** An element: h('td', {class: 'fen', dataset: {fen: 5}}, 'text', otherElement). */
export function h(tag, props, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (key === 'class') {
            element.className = value;
        } else if (key === 'dataset') {
            Object.assign(element.dataset, value);
        } else if (key.startsWith('on')) {
            element.addEventListener(key.slice(2), value);
        } else if (key === 'text') {
            element.textContent = value;
        } else if (value === true) {
            element.setAttribute(key, '');
        } else {
            element.setAttribute(key, String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

/** Empties the element, then appends the children given (nulls left out, as in {@link h}). */
export function clear(element, ...children) {
    element.replaceChildren();
    append(element, children);
    return element;
}

/** A table: headers, then rows of cells (an element, or text). */
export function table(className, headers, rows) {
    return h('table', { class: className },
        h('thead', {}, h('tr', {}, headers.map(header => header instanceof Node ? header : h('th', { text: header })))),
        h('tbody', {}, rows));
}
