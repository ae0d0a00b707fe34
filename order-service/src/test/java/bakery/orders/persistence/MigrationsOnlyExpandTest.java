package bakery.orders.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A migration may only expand the schema: while it rolls out, order-service nodes of the release before still read
 * and write the same database. Dropping, renaming or retyping what they use waits for a later release (the contract
 * step, docs/upgrades.md). History written before this rule is listed below with the reason it was acceptable.
 */
class MigrationsOnlyExpandTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** Contracting statements already released, by migration: they stay, and no new ones join them. */
    private static final Map<String, String> GRANDFATHERED = Map.of(
            "V4__outbox_row_per_transaction.sql",
            "replaced the outbox of the 1.0 development line before any release ran side by side with another;"
                    + " it needed every node stopped, which this rule now forbids");

    @Test
    void noMigrationDropsRenamesOrRetypesWhatTheReleaseBeforeReads() throws IOException {
        List<SchemaChange> contracting = migrations().stream()
                .filter(file -> !GRANDFATHERED.containsKey(file.getFileName().toString()))
                .flatMap(file -> SchemaChange.contractingIn(file.getFileName().toString(), read(file)).stream())
                .toList();

        assertThat(contracting).as("contracting changes belong to a release after the one that stops reading them")
                .isEmpty();
    }

    @Test
    void everyGrandfatheredMigrationExistsAndReallyContracts() throws IOException {
        for (String name : GRANDFATHERED.keySet()) {
            Path file = MIGRATIONS.resolve(name);
            assertThat(file).as(name).exists();
            assertThat(SchemaChange.contractingIn(name, read(file))).as("%s still needs its exception", name).isNotEmpty();
        }
    }

    @Test
    void theMigrationsAreWhereThisTestLooks() throws IOException {
        assertThat(migrations()).extracting(file -> file.getFileName().toString())
                .contains("V1__products.sql", "V6__idempotency_key_per_customer.sql");
    }

    @Test
    void dropsRenamesAndRetypesAreRefused() {
        assertThat(refused("DROP TABLE outbox;")).isEqualTo("drops a table");
        assertThat(refused("alter table orders drop column web_node;")).isEqualTo("drops a column");
        assertThat(refused("ALTER TABLE orders DROP web_node")).isEqualTo("drops a column");
        assertThat(refused("ALTER TABLE IF EXISTS orders\n  DROP COLUMN IF EXISTS reason;")).isEqualTo("drops a column");
        assertThat(refused("ALTER TABLE orders RENAME COLUMN web_node TO placed_on;")).isEqualTo("renames a table or column");
        assertThat(refused("ALTER TABLE orders RENAME TO customer_orders;")).isEqualTo("renames a table or column");
        assertThat(refused("ALTER TABLE orders ALTER COLUMN total_cents TYPE NUMERIC(12,2);"))
                .isEqualTo("changes a column's type");
        assertThat(refused("ALTER TABLE orders ALTER COLUMN web_node SET NOT NULL;"))
                .startsWith("makes a column required");
        assertThat(refused("ALTER TABLE orders ADD COLUMN channel TEXT NOT NULL;")).startsWith("adds a required column");
        assertThat(refused("TRUNCATE outbox;")).isEqualTo("empties a table");
    }

    @Test
    void expandingChangesPass() {
        assertThat(SchemaChange.contractingIn("t", """
                -- drop table outbox; would be refused, but this is a comment
                ALTER TABLE orders ADD COLUMN idempotency_scope TEXT;
                ALTER TABLE orders ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';
                CREATE UNIQUE INDEX orders_key_in_scope ON orders (COALESCE(idempotency_scope, ''), idempotency_key);
                ALTER TABLE orders DROP CONSTRAINT orders_idempotency_key_key;
                ALTER TABLE orders ALTER COLUMN reason DROP NOT NULL;
                ALTER TABLE orders ALTER COLUMN reason DROP DEFAULT;
                DROP INDEX IF EXISTS orders_active_by_placed_at;
                INSERT INTO product (sku, name) VALUES ('drop-table-cake', 'Rename me; drop column');
                CREATE TABLE outbox_v2 (id BIGSERIAL PRIMARY KEY, payloads BYTEA[] NOT NULL);
                """)).isEmpty();
    }

    private static String refused(String sql) {
        List<SchemaChange> found = SchemaChange.contractingIn("t", sql);
        assertThat(found).as(sql).hasSize(1);
        return found.get(0).why();
    }

    private static List<Path> migrations() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
