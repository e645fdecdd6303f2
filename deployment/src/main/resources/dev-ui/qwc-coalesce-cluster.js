import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';

/**
 * The cluster tier, refreshed every second: whether this instance shares executions through Redis (or why it runs
 * local-only), the subscription and breaker, the leases it holds or waits on now and the counters per group.
 */
export class QwcCoalesceCluster extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 0 1em 1em 1em; }
        h3 { margin: 0.5em 0 0 0; font-weight: normal; color: var(--lumo-contrast-70pct); }
        .empty { color: var(--lumo-contrast-50pct); }
        dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; margin: 0; }
        dt { color: var(--lumo-contrast-70pct); }
        dd { margin: 0; }
    `;

    static properties = {
        _state: { state: true },
        _leases: { state: true },
        _groups: { state: true }
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
        this.jsonRpc.getClusterState().then(response => this._state = response.result);
        this.jsonRpc.getLeases().then(response => this._leases = response.result);
        this.jsonRpc.getClusterGroups().then(response => this._groups = response.result);
    }

    render() {
        return html`
            <h3>This instance</h3>
            ${this._state
                ? html`<dl>${Object.entries(this._state).map(([name, value]) =>
                    html`<dt>${name}</dt><dd>${String(value)}</dd>`)}</dl>`
                : html`<span class="empty">Loading…</span>`}
            <h3>Leases held or waited on now</h3>
            ${this._leases && this._leases.length
                ? html`<vaadin-grid .items="${this._leases}" theme="row-stripes" all-rows-visible>
                    <vaadin-grid-column path="group" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="hash" header="Key hash" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="role" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="ageMillis" header="Age (ms)" auto-width></vaadin-grid-column>
                  </vaadin-grid>`
                : html`<span class="empty">None: no cluster flight is running on this instance.</span>`}
            <h3>Counters per group (since start)</h3>
            ${this._groups && this._groups.length
                ? html`<vaadin-grid .items="${this._groups}" theme="row-stripes" all-rows-visible>
                    <vaadin-grid-column path="group" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="acquires" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="leaders" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="remoteJoins" header="Remote joins" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="viaPubSub" header="Via pub/sub" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="viaPoll" header="Via poll" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="stored" header="Found stored" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="reElections" header="Re-elections" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="leaseLost" header="Lease lost" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="remoteFailures" header="Remote failures" auto-width></vaadin-grid-column>
                    <vaadin-grid-column path="fallbacks" header="Local-only (by reason)" auto-width></vaadin-grid-column>
                  </vaadin-grid>`
                : html`<span class="empty">No cluster-scoped group shares through Redis on this instance.</span>`}
        `;
    }
}
customElements.define('qwc-coalesce-cluster', QwcCoalesceCluster);
