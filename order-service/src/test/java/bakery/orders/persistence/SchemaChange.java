package bakery.orders.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a migration does that the release before it cannot live with while both run side by side: it drops or
 * renames a table or column that release reads, changes a column's type under it, or demands a value its inserts do
 * not write (a new NOT NULL column without a default, SET NOT NULL). Such a change is the contract step of an
 * expand/contract pair and belongs in a later release, once no node of the release before runs (docs/upgrades.md).
 */
record SchemaChange(String migration, String statement, String why) {

    private record Rule(Pattern pattern, String why) {
    }

    private static final String NAME = "(?:\"[^\"]+\"|[\\w.]+)";

    private static final List<Rule> CONTRACTING = List.of(
            new Rule(Pattern.compile("^DROP\\s+TABLE\\b"), "drops a table"),
            new Rule(Pattern.compile("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME
                    + "\\s+.*\\bDROP\\s+(?!CONSTRAINT\\b|DEFAULT\\b|NOT\\s+NULL\\b)(?:COLUMN\\s+)?"), "drops a column"),
            new Rule(Pattern.compile("^ALTER\\s+TABLE\\b.*\\bRENAME\\b"), "renames a table or column"),
            new Rule(
                    Pattern.compile(
                            "^ALTER\\s+TABLE\\b.*\\bALTER\\s+(?:COLUMN\\s+)?" + NAME + "\\s+(?:SET\\s+DATA\\s+)?TYPE\\b"),
                    "changes a column's type"),
            new Rule(Pattern.compile("^ALTER\\s+TABLE\\b.*\\bSET\\s+NOT\\s+NULL\\b"),
                    "makes a column required that the release before may not write"),
            new Rule(Pattern.compile("^ALTER\\s+TABLE\\b.*\\bADD\\s+(?:COLUMN\\s+)?(?!CONSTRAINT\\b)" + NAME
                    + "\\s+(?!.*\\bDEFAULT\\b).*\\bNOT\\s+NULL\\b"),
                    "adds a required column without a default, which the release before's inserts do not write"),
            new Rule(Pattern.compile("^DROP\\s+(?:VIEW|MATERIALIZED\\s+VIEW|SCHEMA|TYPE)\\b"), "drops something read"),
            new Rule(Pattern.compile("^TRUNCATE\\b"), "empties a table"));

    /** Every contracting statement of one migration's SQL, comments and string literals aside. */
    static List<SchemaChange> contractingIn(String migration, String sql) {
        List<SchemaChange> found = new ArrayList<>();
        for (String statement : statements(sql)) {
            String normalised = statement.replaceAll("\\s+", " ").trim().toUpperCase(Locale.ROOT);
            for (Rule rule : CONTRACTING) {
                Matcher matcher = rule.pattern().matcher(normalised);
                if (matcher.find()) {
                    found.add(new SchemaChange(migration, normalised, rule.why()));
                    break;
                }
            }
        }
        return found;
    }

    private static List<String> statements(String sql) {
        String code = sql.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("--[^\\n]*", " ")
                .replaceAll("'(?:[^']|'')*'", "''");
        List<String> statements = new ArrayList<>();
        for (String statement : code.split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement);
            }
        }
        return statements;
    }
}
