import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { methods } from 'build-time-data';
import '@vaadin/grid';

/**
 * The @Coalesce methods the build found (key parameters and settings), then, refreshed every second, the counters of
 * each flight group and the flights running now.
 */
export class QwcCoalesceMethods extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 0 1em 1em 1em; }
        h3 { margin: 0.5em 0 0 0; font-weight: normal; color: var(--lumo-contrast-70pct); }
        .empty { color: var(--lumo-contrast-50pct); }
    `;

    static properties = {
        _groups: { state: true },
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
        this.jsonRpc.getGroups().then(response => this._groups = response.result);
        this.jsonRpc.getFlights().then(response => this._flights = response.result);
    }

    render() {
        return html`
            <h3>Methods (found at build time)</h3>
            <vaadin-grid .items="${methods}" theme="row-stripes" all-rows-visible>
                <vaadin-grid-column path="bean" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="method" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="returns" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="group" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="key" header="Key parameters" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="maxWait" header="Max wait" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="onMaxWait" header="On max wait" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="maxAge" header="Max age" auto-width></vaadin-grid-column>
            </vaadin-grid>
            <h3>Counters per flight group (since start)</h3>
            ${this._groups && this._groups.length
                ? html`<vaadin-grid .items="${this._groups}" theme="row-stripes" all-rows-visible>
                    <vaadin-grid-column path="group" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="calls" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="executions" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="joined" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="failures" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="maxWaitTimeouts" header="Max-wait timeouts" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="detached" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="inFlight" header="In flight" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="maxFanIn" header="Largest fan-in" auto-width></vaadin-grid-column>
                  </vaadin-grid>`
                : html`<span class="empty">No coalesced method has been called yet.</span>`}
            <h3>Flights running now</h3>
            ${this._flights && this._flights.length
                ? html`<vaadin-grid .items="${this._flights}" theme="row-stripes" all-rows-visible>
                    <vaadin-grid-column path="group" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="key" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="callers" header="Callers so far" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="waiting" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="ageMillis" header="Age (ms)" auto-width></vaadin-grid-column>
                  </vaadin-grid>`
                : html`<span class="empty">None: every flight has finished.</span>`}
        `;
    }
}
customElements.define('qwc-coalesce-methods', QwcCoalesceMethods);
