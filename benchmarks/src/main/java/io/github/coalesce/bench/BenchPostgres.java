package io.github.coalesce.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * For the HTTP runs, which start the packaged sample app as a separate process: {@code serve FILE} starts (or, with
 * {@code QUARKUS_DATASOURCE_JDBC_URL}, uses) the PostgreSQL server, makes one empty database per view-counting mode
 * ({@code serve FILE DATABASE…}: those databases instead), writes their connection settings to FILE (shell syntax)
 * and stays up until killed; {@code query URL SQL} prints one value (user and password from
 * {@code BENCH_DB_USER}/{@code BENCH_DB_PASSWORD}).
 */
public final class BenchPostgres {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("query")) {
            PGSimpleDataSource server = new PGSimpleDataSource();
            server.setUrl(args[1]);
            server.setUser(System.getenv().getOrDefault("BENCH_DB_USER", "postgres"));
            server.setPassword(System.getenv().getOrDefault("BENCH_DB_PASSWORD", ""));
            System.out.println(BenchDatabase.queryString(server, args[2]));
            return;
        }
        BenchDatabase database = BenchDatabase.start();
        // Parts that run beside others on one server name databases of their own, so as not to drop the others'.
        String[] databases = args.length > 2 ? Arrays.copyOfRange(args, 2, args.length)
                : new String[] { "bench_off", "bench_counter", "bench_naive" };
        for (String name : databases) {
            database.recreate(name);
        }
        Path file = Path.of(args[1]);
        Files.writeString(file, "BENCH_JDBC_BASE=" + database.jdbcUrl("").replaceAll("/$", "") + "\n"
                + "BENCH_DB_USER=" + database.user() + "\n"
                + "BENCH_DB_PASSWORD=" + database.password() + "\n"
                + "BENCH_DB_DESCRIPTION='" + database.describe() + "'\n");
        Thread.currentThread().join();
    }
}
