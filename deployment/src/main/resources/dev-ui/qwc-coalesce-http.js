import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { httpEndpoints } from 'build-time-data';
import '@vaadin/grid';

/**
 * The REST endpoints selected for request collapsing (found at build time), then, refreshed every second, the
 * counters of each endpoint and the flights running now.
 */
export class QwcCoalesceHttp extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 0 1em 1em 1em; }
        h3 { margin: 0.5em 0 0 0; font-weight: normal; color: var(--lumo-contrast-70pct); }
        .empty { color: var(--lumo-contrast-50pct); }
    `;

    static properties = {
        _counters: { state: true },
        _flights: { state: true }
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
        this.jsonRpc.getHttpCounters().then(response => this._counters = response.result);
        this.jsonRpc.getHttpFlights().then(response => this._flights = response.result);
    }

    render() {
        return html`
            <h3>Collapsed endpoints (found at build time)</h3>
            <vaadin-grid .items="${httpEndpoints}" theme="row-stripes" all-rows-visible>
                <vaadin-grid-column path="endpoint" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="path" auto-width></vaadin-grid-column>
            </vaadin-grid>
            <h3>Counters per endpoint (since start)</h3>
            ${this._counters && this._counters.length
                ? html`<vaadin-grid .items="${this._counters}" theme="row-stripes" all-rows-visible>
                    <vaadin-grid-column path="endpoint" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="leaders" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="followers" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="ranAnew" header="Ran anew (by reason)" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="bypassed" header="Never collapsed (by reason)" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="bytesCopied" header="Bytes copied" auto-width></vaadin-grid-column>
                  </vaadin-grid>`
                : html`<span class="empty">No collapsed endpoint has been requested yet.</span>`}
            <h3>Flights running now</h3>
            ${this._flights && this._flights.length
                ? html`<vaadin-grid .items="${this._flights}" theme="row-stripes" all-rows-visible>
                    <vaadin-grid-column path="endpoint" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="request" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="followers" header="Followers so far" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="waiting" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="ageMillis" header="Age (ms)" auto-width></vaadin-grid-column>
                  </vaadin-grid>`
                : html`<span class="empty">None: every flight has finished.</span>`}
        `;
    }
}
customElements.define('qwc-coalesce-http', QwcCoalesceHttp);
