package io.github.coalesce.it;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the test's own on a free port (no persistence), for tests that kill it or its clients:
 * never the machine's shared one. Its output goes to {@code target/<name>-redis.log}.
 */
final class PrivateRedis implements AutoCloseable {

    final int port;
    private final String name;
    private Process process;

    PrivateRedis(String name) throws IOException {
        this.name = name;
        this.port = SampleCluster.freePort();
    }

    /** Starts it (again, on the same port) and returns once it accepts connections. */
    PrivateRedis start() throws IOException, InterruptedException {
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/" + name + "-redis.log"))).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** SIGKILL: no goodbye to its clients. */
    void kill() throws InterruptedException {
        // A stopped process dies of SIGKILL too.
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the server keeps its connections and stops answering, as a frozen VM or a long fork would. */
    void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT: the server reads what its clients sent while it was stopped and runs it. */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }
}
