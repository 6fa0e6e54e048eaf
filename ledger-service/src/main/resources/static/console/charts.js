/**
 * Apache ECharts (its common build: line and bar charts, tooltips, legends), loaded the first time a
 * page draws a chart, alongside that page's reads: the pages without charts never load it, and no
 * page waits for it before reading its data.
 */
const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.common.min.js';

let loading = null;

export function echarts() {
    if (!loading) {
        loading = new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = ECHARTS;
            script.onload = () => resolve(window.echarts);
            script.onerror = () => {
                loading = null;
                script.remove();
                reject(new Error(ECHARTS));
            };
            document.head.append(script);
        });
    }
    return loading;
}
