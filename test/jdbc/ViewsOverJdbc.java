// okrkpi's dashboard views through the PostgreSQL JDBC driver, the way
// Metabase reads them: it syncs tables with DatabaseMetaData.getColumns and
// runs native questions as PreparedStatements, {{variables}} bound as "?".
//
//   java -cp /usr/share/java/postgresql.jar ViewsOverJdbc.java dashboards/README.md
//
// Connects with OKRKPI_JDBC_URL, OKRKPI_JDBC_USER and OKRKPI_JDBC_PASSWORD
// (test/jdbc/run sets them: a login role in okrkpi_reader).  Prints TAP, then
// "jdbc: N passed, N failed"; exits 1 on any failure.
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.*;
import java.time.OffsetDateTime;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ViewsOverJdbc {
    // The JDBC types a dashboard tool turns into a plain number, text, boolean,
    // date or time without knowing okrkpi.  Not OTHER (what the driver reports
    // for okrkpi's own types, interval or jsonb), STRUCT (composites), DISTINCT
    // (domains), JAVA_OBJECT, ARRAY or BINARY: Metabase shows those as opaque
    // values it cannot filter, sum or chart.  FLOAT, DECIMAL, BOOLEAN and
    // TIMESTAMP_WITH_TIMEZONE are standard spellings this driver happens not
    // to use (it says DOUBLE, NUMERIC, BIT and TIMESTAMP) but a newer one may.
    static final Set<Integer> STANDARD = Set.of(
        Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL,
        Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.VARCHAR, Types.CHAR,
        Types.BOOLEAN, Types.BIT, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE);
    // The driver also says VARCHAR for enum types and BIT for bit(n), so for
    // those the PostgreSQL type name must be a built-in text or boolean type.
    static final Set<String> TEXT_NAMES = Set.of("text", "varchar", "bpchar");
    static final Set<String> BOOL_NAMES = Set.of("bool");

    // What the test sends for each Metabase variable: the demo plan's values.
    static final Map<String, String> VALUES = Map.of(
        "quarter", "2020-Q3",
        "objective", "Create wildly loyal customers",
        "key_result", "Increase NPS from 20 to 40");

    static int passed, failed;

    static void check(boolean ok, String description, Object diagnostic) {
        if (ok) passed++; else failed++;
        System.out.printf("%s %d - %s%n", ok ? "ok" : "not ok", passed + failed, description);
        if (!ok && diagnostic != null)
            for (String line : diagnostic.toString().split("\n")) System.out.println("# " + line);
    }

    static boolean standard(int type, String typeName) {
        if (!STANDARD.contains(type)) return false;
        if (type == Types.VARCHAR || type == Types.CHAR) return TEXT_NAMES.contains(typeName);
        if (type == Types.BIT || type == Types.BOOLEAN) return BOOL_NAMES.contains(typeName);
        return true;
    }

    static String describe(String column, int type, String typeName) {
        String jdbc;
        try { jdbc = JDBCType.valueOf(type).getName(); } catch (IllegalArgumentException e) { jdbc = "type " + type; }
        return column + " → " + typeName + " (" + jdbc + ")";
    }

    // getTables and getColumns take LIKE patterns, where "_" matches any character.
    static String pattern(DatabaseMetaData md, String name) throws SQLException {
        String escape = md.getSearchStringEscape();
        return name.replace(escape, escape + escape).replace("%", escape + "%").replace("_", escape + "_");
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    // Every view of schema okrkpi, as Metabase's sync sees it.
    static List<String> metadata(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<String> views = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, "okrkpi", "%", new String[] {"VIEW", "MATERIALIZED VIEW"})) {
            while (rs.next()) views.add(rs.getString("TABLE_NAME"));
        }
        check(views.containsAll(List.of("scoreboard", "objective_scores", "kpi_board", "score_history")),
              "getTables lists the dashboard views of schema okrkpi: " + views, views);
        for (String view : views) {
            List<String> columns = new ArrayList<>(), bad = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, "okrkpi", pattern(md, view), "%")) {
                while (rs.next()) {
                    if (!rs.getString("TABLE_NAME").equals(view)) continue;
                    String d = describe(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"));
                    columns.add(d);
                    System.out.println("# okrkpi." + view + "." + d);
                    if (!standard(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"))) bad.add(d);
                }
            }
            check(!columns.isEmpty() && bad.isEmpty(),
                  "getColumns: okrkpi." + view + "'s " + columns.size() + " columns are standard SQL types",
                  columns.isEmpty() ? "no columns" : "not standard: " + bad);
        }
        return views;
    }

    // Run a statement, read every value with getObject as Metabase does, and
    // check it returns rows of standard types.
    static void run(PreparedStatement ps, String label) {
        try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> bad = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String d = describe(md.getColumnLabel(i), md.getColumnType(i), md.getColumnTypeName(i));
                System.out.println("# " + label + ": " + d);
                if (!standard(md.getColumnType(i), md.getColumnTypeName(i))) bad.add(d);
            }
            int rows = 0;
            for (; rs.next(); rows++)
                for (int i = 1; i <= md.getColumnCount(); i++) rs.getObject(i);
            check(rows > 0, label + " returns rows (" + rows + ")", null);
            check(bad.isEmpty(), label + ": result columns are standard SQL types", "not standard: " + bad);
        } catch (SQLException e) {
            check(false, label + " runs", e.getMessage());
        }
    }

    // The guide's Metabase questions (its ```sql metabase blocks), as test/dashboards.py reads them.
    static List<String> questions(Path guide) throws Exception {
        String text = Files.readString(guide);
        int start = text.indexOf("## 3. Metabase");
        List<String> found = new ArrayList<>();
        if (start >= 0) {
            Matcher m = Pattern.compile("```sql metabase\n(.*?)```", Pattern.DOTALL).matcher(text.substring(start));
            while (m.find()) found.add(m.group(1));
        }
        check(found.size() >= 4, "the Metabase guide has its example questions (" + found.size() + ")", guide);
        return found;
    }

    // A native question as Metabase prepares it: an optional clause [[ ... ]]
    // kept or dropped, each {{variable}} replaced by "?" and bound with
    // setString (most JDBC clients) or setObject (what Metabase calls).
    static void question(Connection c, int number, String question, boolean keep) {
        String sql = Pattern.compile("\\[\\[(.*?)\\]\\]", Pattern.DOTALL).matcher(question)
            .replaceAll(m -> keep ? Matcher.quoteReplacement(m.group(1)) : "");
        List<String> variables = new ArrayList<>();
        Matcher v = Pattern.compile("\\{\\{(\\w+)\\}\\}").matcher(sql);
        while (v.find()) variables.add(v.group(1));
        sql = v.replaceAll("?");
        String name = "Metabase question " + number + (keep ? "" : " without optional clauses");
        if (!VALUES.keySet().containsAll(variables)) {
            check(false, name + ": every variable has a test value", variables);
            return;
        }
        for (String binding : variables.isEmpty() ? List.of("no parameters") : List.of("setString", "setObject")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < variables.size(); i++) {
                    String value = VALUES.get(variables.get(i));
                    if (binding.equals("setString")) ps.setString(i + 1, value); else ps.setObject(i + 1, value);
                }
                run(ps, name + " (" + binding + (variables.isEmpty() ? "" : " " + variables) + ")");
            } catch (SQLException e) {
                check(false, name + " prepares", e.getMessage());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv("OKRKPI_JDBC_URL");
        Properties props = new Properties();
        props.setProperty("user", System.getenv("OKRKPI_JDBC_USER"));
        props.setProperty("password", System.getenv().getOrDefault("OKRKPI_JDBC_PASSWORD", ""));
        try (Connection c = DriverManager.getConnection(url, props)) {
            DatabaseMetaData md = c.getMetaData();
            System.out.println("# " + md.getDriverName() + " " + md.getDriverVersion() + ", Java " +
                               System.getProperty("java.version") + ", " + md.getDatabaseProductName() + " " +
                               md.getDatabaseProductVersion());

            // Only okrkpi_reader's rights: the views and the tables they read, not the override log.
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_user, pg_has_role('okrkpi_reader', 'MEMBER'), " +
                                               "has_table_privilege('okrkpi.overrides', 'SELECT')")) {
                rs.next();
                check(rs.getBoolean(2) && !rs.getBoolean(3),
                      "connected as " + rs.getString(1) + ", a member of okrkpi_reader that cannot read okrkpi.overrides",
                      "member: " + rs.getBoolean(2) + ", reads overrides: " + rs.getBoolean(3));
            }

            for (String view : metadata(c)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM okrkpi." + quote(view))) {
                    run(ps, "SELECT * FROM okrkpi." + view);
                }
            }

            int number = 0;
            for (String q : questions(Path.of(args[0]))) {
                number++;
                question(c, number, q, true);
                if (q.contains("[[")) question(c, number, q, false);
            }

            // Metabase's date filters bind a time: score_history's time column
            // must compare with a bound timestamp, whichever way it is sent.
            String sql = "SELECT time, score FROM okrkpi.score_history WHERE time >= ? AND time < ? ORDER BY time";
            OffsetDateTime from = OffsetDateTime.parse("2020-07-01T00:00:00Z"), to = OffsetDateTime.parse("2020-10-01T00:00:00Z");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, Timestamp.from(from.toInstant()));
                ps.setTimestamp(2, Timestamp.from(to.toInstant()));
                run(ps, "score_history for 2020-Q3 (setTimestamp)");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, from);
                ps.setObject(2, to);
                run(ps, "score_history for 2020-Q3 (setObject OffsetDateTime)");
            }
        } catch (SQLException e) {
            check(false, "connects and runs to the end", e.getMessage());
        }
        System.out.println("1.." + (passed + failed));
        System.out.println("jdbc: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
