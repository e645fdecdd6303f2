import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { notifier } from 'notifier';
import '@vaadin/grid';
import '@vaadin/button';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';

/** The view counters, refreshed every second, each with a "Flush now" button. */
export class QwcCoalesceViewCounters extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; padding: 0 1em 1em 1em; }
        .empty { color: var(--lumo-contrast-50pct); }
    `;

    static properties = {
        _counters: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
        this._timer = setInterval(() => this._refresh(), 1000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc.getViewCounters().then(response => this._counters = response.result);
    }

    _flush(name) {
        this.jsonRpc.flushNow({ name: name }).then(response => {
            notifier.showInfoMessage(response.result);
            this._refresh();
        });
    }

    render() {
        if (!this._counters) {
            return html`<span class="empty">Loading…</span>`;
        }
        if (!this._counters.length) {
            return html`<span class="empty">No view counter is configured (quarkus.coalesce.view-counter.table).</span>`;
        }
        return html`
            <vaadin-grid .items="${this._counters}" theme="row-stripes" all-rows-visible>
                <vaadin-grid-column path="name" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="" auto-width
                    ${columnBodyRenderer(counter => html`<vaadin-button theme="small"
                        @click=${() => this._flush(counter.name)}>Flush now</vaadin-button>`, [])}>
                </vaadin-grid-column>
                <vaadin-grid-column path="pendingIds" header="Pending ids" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="oldestPendingMillis" header="Oldest pending (ms)" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="lastFlush" header="Last flush" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="lastFlushMillis" header="It took (ms)" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="failedFlushesInARow" header="Failed flushes in a row" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="recorded" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="viewsWritten" header="Written" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="statements" header="UPDATE statements" auto-width></vaadin-grid-column>
            </vaadin-grid>
        `;
    }
}
customElements.define('qwc-coalesce-view-counters', QwcCoalesceViewCounters);
