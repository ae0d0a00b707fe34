package bakery.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import bakery.stack.process.StateFile;

/** {@code ./bakery autoscale --plan/--month}: what the shipped policy gives, read as an operator or a script would. */
class AutoscalePlanTest {

    private static final String[] FILES = { "--policy", "../deploy/scaling.yaml", "--prices", "../deploy/prices.yaml" };

    private static Run autoscale(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BakeryCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] all = new String[args.length + FILES.length + 1];
        all[0] = "autoscale";
        System.arraycopy(FILES, 0, all, 1, FILES.length);
        System.arraycopy(args, 0, all, 1 + FILES.length, args.length);
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    private static JsonNode plan(String at) throws Exception {
        Run run = autoscale("--plan", "--at", at, "--json");
        assertThat(run.code()).as(run.err()).isZero();
        return StateFile.JSON.readTree(run.out());
    }

    @Test
    void nightNoonAndMonthEndGetTheInstancesThePolicyGives() throws Exception {
        JsonNode night = plan("2026-12-15T02:00").get("instances");
        JsonNode noon = plan("2026-12-15T12:00").get("instances");
        JsonNode monthEnd = plan("2026-12-31T12:00").get("instances");

        assertThat(night.get("baking-worker").get("count").asInt()).isZero();
        assertThat(night.get("web-tier").get("count").asInt()).isEqualTo(2);
        assertThat(night.get("order-service").get("count").asInt()).isEqualTo(2);
        assertThat(noon.get("baking-worker").get("count").asInt()).isEqualTo(2);
        assertThat(noon.get("baking-worker").get("rule").asText()).contains("opening hours");
        assertThat(monthEnd.get("baking-worker").get("count").asInt()).isEqualTo(10);
        assertThat(monthEnd.get("order-service").get("count").asInt()).isEqualTo(4);
        assertThat(monthEnd.get("baking-worker").get("signal").asText()).contains("20 records", "up to 12");
    }

    @Test
    void aPlanCarriesTheMonthsCostAndTheTextSaysWhy() throws Exception {
        JsonNode json = plan("2026-12-30T10:00");
        assertThat(json.get("monthlyCost").decimalValue()).isPositive();
        assertThat(json.get("currency").asText()).isEqualTo("EUR");
        assertThat(json.get("at").asText()).isEqualTo("2026-12-30T10:00+01:00");

        Run text = autoscale("--plan", "--at", "2026-12-30T10:00");
        assertThat(text.out()).contains("baking-worker", "calendar rule 'month end'", "night floor (min)", "EUR");
    }

    @Test
    void aMonthIsPricedPerServiceAndInTotal() throws Exception {
        Run run = autoscale("--month", "2026-12", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode month = StateFile.JSON.readTree(run.out());

        JsonNode bakers = month.get("instances").get("baking-worker");
        JsonNode web = month.get("instances").get("web-tier");
        assertThat(web.get("instanceHours").asDouble()).isEqualTo(31 * 24 * 2.0);
        // Bakers sleep at night and crowd the month's end: fewer hours than two all month, more than two in opening hours.
        assertThat(bakers.get("instanceHours").asDouble()).isGreaterThan(0).isLessThan(31 * 24 * 2.0);
        double sum = 0;
        for (JsonNode service : month.get("instances")) {
            sum += service.get("cost").asDouble();
        }
        assertThat(month.get("monthlyCost").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void aMalformedMomentIsRefusedWithTheExpectedShape() {
        Run run = autoscale("--plan", "--at", "next tuesday");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("2026-12-30T10:00");
    }

    private record Run(int code, String out, String err) {
    }
}
