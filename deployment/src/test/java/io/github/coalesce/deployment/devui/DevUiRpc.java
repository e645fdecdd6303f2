package io.github.coalesce.deployment.devui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** JSON-RPC calls over the Dev UI websocket of a dev-mode application, as the card's web components make them. */
final class DevUiRpc {

    private static final String NAMESPACE = "quarkus-coalesce_";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    DevUiRpc(int port) {
        this.port = port;
    }

    /** @return the answer to one call, compacted (no line breaks, {@code "name":value}); never an error */
    String call(String method, String params) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(
                URI.create("ws://localhost:" + port + "/q/dev-ui/json-rpc-ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            answer.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        answer.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + NAMESPACE + method + "\",\"params\":"
                    + params + "}", true).get(10, TimeUnit.SECONDS);
            String response = answer.get(20, TimeUnit.SECONDS).replaceAll("\\s*\\n\\s*", "").replace("\" : ", "\":")
                    .replace("[ ]", "[]");
            assertThat(response).as(method).doesNotContain("\"error\"");
            return response;
        } finally {
            socket.abort();
        }
    }
}
