package io.github.coalesce;

import java.util.Map;

/** Read-only counters of one endpoint selected for HTTP request collapsing ({@link CoalesceRequests}). */
public interface CollapsedEndpoint {

    /** @return requests that ran the handler as the leader of a flight */
    long leaders();

    /** @return requests answered from a leader's response (leaders are not counted here) */
    long followers();

    /** @return body bytes copied to followers */
    long bytesCopied();

    /** @return requests that joined a flight but had to run the handler themselves, by reason */
    Map<String, Long> ranAnew();

    /** @return requests never collapsed (a body, {@code Range}, a conditional request, …), by reason */
    Map<String, Long> bypassed();
}
